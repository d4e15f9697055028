"""Registries: canonical names, aliases, tone-mark-insensitive matching, problems named."""
from newsarchive.models import Severity, TaxonomyKind
from newsarchive.registry import load_registry


def _load(tmp_path, text):
    (tmp_path / "units.yml").write_text(text, encoding="utf-8")
    return load_registry(TaxonomyKind.UNIT, tmp_path, "units.yml")


def test_names_and_aliases_resolve_in_any_spelling(tmp_path):
    registry, issues = _load(tmp_path, "- name: Văn hoá công sở\n  aliases: [VHCS]\n- Ban Dân vận Tỉnh ủy\n")
    assert issues == []
    assert registry.resolve("văn hóa  công sở").slug == "van-hoa-cong-so"
    assert registry.resolve("vhcs").name == "Văn hoá công sở"
    assert registry.resolve("BAN DÂN VẬN TỈNH UỶ").name == "Ban Dân vận Tỉnh ủy"
    assert registry.suggest("Ban Dân vận Tỉnh ủ") == ["Ban Dân vận Tỉnh ủy"]


def test_problems_name_the_entry(tmp_path):
    _, issues = _load(tmp_path, "- name: A\n- name: a\n  slug: a\n- {x: 1}\n- name: B\n  parent: Z\n  colour: red\n")
    text = [str(i) for i in issues]
    assert any("entry 2" in t and "slug 'a' is already used" in t for t in text)
    assert any("entry 3" in t and "needs a text 'name'" in t for t in text)
    assert any("unknown key(s): colour" in t for t in text)
    assert any(i.severity is Severity.WARNING and "parent 'z'" in i.message for i in issues)


def test_missing_file_is_an_empty_registry(tmp_path):
    registry, issues = load_registry(TaxonomyKind.UNIT, tmp_path, "units.yml")
    assert registry.entries == [] and issues == []
