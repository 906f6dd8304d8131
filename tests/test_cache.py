"""The per-user cache of compiled lexicons and templates: same results with it, without it, and with a damaged one."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from conftest import CLEAN_JOURNEY, EXAMPLES
from journeymap import cache
from journeymap.viewpoint import lexicon as check


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(folder))
    check._build.cache_clear()
    yield folder
    check._build.cache_clear()


def same_lexicon(a: check.Lexicon, b: check.Lexicon) -> bool:
    return all(getattr(a, f.name) == getattr(b, f.name) for f in fields(check.Lexicon))


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*")) if (folder / kind).is_dir() else []


EXTRA = {"company_verbs": ["provision"], "customer_verbs": ["-send"]}


@pytest.mark.parametrize("lang, extra", [("en", None), ("fr", None), ("en", EXTRA)])
def test_a_cached_lexicon_is_the_compiled_one(cache_folder: Path, lang: str, extra: dict | None) -> None:
    compiled = check._compile(lang, check._freeze_extra(extra))
    first = check.load_lexicon(lang, extra)  # compiles, writes the entry
    assert len(entries(cache_folder, "lexicon")) == 1
    check._build.cache_clear()
    second = check.load_lexicon(lang, extra)  # reads it
    assert second is not first
    assert same_lexicon(compiled, first) and same_lexicon(compiled, second)


def test_entries_are_named_by_what_they_were_compiled_from(cache_folder: Path) -> None:
    check.load_lexicon("en")
    check.load_lexicon("fr")
    check.load_lexicon("en", EXTRA)
    check.load_lexicon("en", {"company_verbs": ["provision"]})
    assert len(entries(cache_folder, "lexicon")) == 4


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage", "folder"])
def test_a_damaged_entry_is_compiled_again(cache_folder: Path, damage: str) -> None:
    compiled = check._compile("en", ())
    check.load_lexicon("en")
    [entry] = entries(cache_folder, "lexicon")
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "garbage":  # a whole entry (its checksum is right) that is not a lexicon
        import hashlib
        import marshal

        payload = marshal.dumps(("not", "a", "lexicon"))
        entry.write_bytes(hashlib.sha256(payload).digest() + payload)
    else:
        entry.unlink()
        entry.mkdir()
    check._build.cache_clear()
    assert same_lexicon(compiled, check.load_lexicon("en"))


def test_an_unwritable_cache_is_only_slower(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(blocker / "cache"))
    check._build.cache_clear()
    assert same_lexicon(check._compile("fr", ()), check.load_lexicon("fr"))
    assert cache.folder_for("templates") is None
    check._build.cache_clear()


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() is None
    cache.write("lexicon", "key", b"data")
    assert cache.read("lexicon", "key") is None
    assert list(tmp_path.iterdir()) == []


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOURNEYMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "journeymap"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid under the XDG rules: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "journeymap"


def test_the_command_gives_the_same_report_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    """As users run it: separate processes (each with its own string hashing), French and English journeys with
    viewpoint findings, the text report and the HTML report."""
    folder = tmp_path / "cache"
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        (journeys / example.name).write_bytes(example.read_bytes())
    (journeys / "company-side.yaml").write_text(
        CLEAN_JOURNEY.replace("lang: en", "lang: fr").replace("action: ", "action: Envoi du devis # ", 1), "utf-8"
    )

    def run(*args: str, seed: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "JOURNEYMAP_CACHE_DIR": str(folder), "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        return subprocess.run([sys.executable, "-m", "journeymap", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    cold = run("validate", str(journeys), seed="1")
    assert "JM301" in cold.stdout, cold.stdout + cold.stderr
    assert entries(folder, "lexicon")
    warm = run("validate", str(journeys), seed="2")
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    without = subprocess.run(
        [sys.executable, "-m", "journeymap", "validate", str(journeys)], cwd=tmp_path, capture_output=True,
        text=True, timeout=120, env={**os.environ, "JOURNEYMAP_CACHE_DIR": "", "NO_COLOR": "1"},
    )
    assert without.stdout == cold.stdout

    example = str(journeys / "fr-retail-achat-current.yaml")
    run("render", "-f", "html", "-o", "cold", example, seed="3")
    assert any(path.name.startswith("templates-") for path in folder.iterdir())
    run("render", "-f", "html", "-o", "warm", example, seed="4")
    name = "fr-retail-achat-current.html"
    assert (tmp_path / "cold" / name).read_bytes() == (tmp_path / "warm" / name).read_bytes()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_write_to_is_not_used(cache_folder: Path) -> None:
    """Entries are unmarshalled and Jinja runs the bytecode it finds: a cache where others may plant files is
    ignored (as if it were off), whatever it holds."""
    compiled = check._compile("en", ())
    check.load_lexicon("en")
    (cache_folder / "lexicon").chmod(0o777)
    [entry] = entries(cache_folder, "lexicon")
    entry.write_bytes(b"planted")
    check._build.cache_clear()
    assert same_lexicon(compiled, check.load_lexicon("en"))
    assert entry.read_bytes() == b"planted"  # neither read nor rewritten
    assert cache.read("lexicon", entry.name) is None
    templates = cache_folder / "templates-shared"
    templates.mkdir(mode=0o777)
    templates.chmod(0o777)
    assert cache.folder_for("templates-shared") is None
    (cache_folder / "lexicon").chmod(0o700)
    assert cache.folder_for("lexicon") == cache_folder / "lexicon"
