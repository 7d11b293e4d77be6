"""`saylau protocol export`: the protocol a commission signs, read back as its readers would."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.cli.cli_support import assert_private, run, sqlite_only
from tests.cli.election_script import ANSWER, COMPLAINT, LETTER, REASON
from tests.cli.protocol_support import docx_headers, docx_text, finish, pdf_pages

PREFIX = "ccm-2024-PLHIV-"
ANNEXES = {f"{PREFIX}annex-{n}.csv" for n in ("1-voted", "2-ballots", "3-applications")}


def flat(text: str) -> str:
    """The text with line breaks from wrapped table cells folded into single spaces."""
    return " ".join(text.split())


def export(out: Path, *options: str) -> tuple[int, str, str]:
    return run("protocol", "export", "--out", str(out), *options)


def test_the_russian_pdf_has_every_section_and_the_counted_figures(played, monkeypatch, tmp_path):
    cast = finish(played, monkeypatch, confirm=True)
    out = tmp_path / "protocols"

    code, said, err = export(out, "--group", "PLHIV", "--format", "pdf", "--lang", "ru")

    assert code == 0, err
    assert {p.name for p in out.iterdir()} == {f"{PREFIX}protocol-ru.pdf", *ANNEXES}
    assert "PLHIV (results confirmed): wrote 4 files" in said
    pages = pdf_pages(out / f"{PREFIX}protocol-ru.pdf")
    text = flat("\n".join(pages))
    assert pages[0].startswith("ПРОТОКОЛ")  # Cyrillic extracts as Cyrillic, not as glyph codes
    for section in (
        "1. Общие сведения",
        "2. Описание процесса выборов",
        "3. Избиратели",
        "3.1. География избирателей (по регионам)",
        "4. Кандидаты",
        "5. Итоги голосования",
        "5.1. Бюллетени, не учтённые при подсчёте",
        "6. Участие независимых наблюдателей",
        "7. Решение",
        "8. Жалобы и ответы на них",
        "9. Подписи членов Мандатной комиссии",
        "Приложение 1. Список проголосовавших избирателей",
    ):
        assert section in text
    assert "Подано заявлений избирателей: 24" in text  # the process, from the audit log
    assert "Голосование завершено; проголосовали: 17; попыток после окончания: 1" in text
    assert "допущены 24" in text and "Проголосовали 17" in text and "Явка 70,8%" in text
    assert "Астана 9 6 66,7%" in text and "Шымкент 7 7 100,0%" in text
    assert "Костанайская область <5 <5 <5" in text and "Алматы <5 <5 <5" in text
    assert "Итого 24 17 70,8%" in text
    assert "Кандидат admitted 14" in text  # votes per candidate
    assert "пустых (воздержались): 2" in text
    assert "отмечен кандидат, не допущенный к выборам 1" in text  # not counted, by reason
    assert "поданы после окончания голосования 1" in text
    assert REASON in text and "не публикуется отказано" in text  # a refused name stays private
    assert "Член СКК 1 Кандидат admitted" in text and "Заместитель члена СКК 1 вакантно" in text
    assert "Допущено наблюдателей: 1" in text
    assert COMPLAINT in text and ANSWER in text
    assert re.search(r"Член Мандатной комиссии \(M-[0-9A-Z]{4}-[0-9A-Z]{4}\) _+", text)
    assert not any("DRAFT" in page for page in pages)
    assert all(f"Страница {n} из {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert_private(said + err + text, cast)


@sqlite_only
def test_the_english_pdf_says_the_same_in_english(played, monkeypatch, tmp_path):
    finish(played, monkeypatch, confirm=True)

    code, _, err = export(tmp_path, "--group", "PLHIV", "--lang", "en")

    assert code == 0, err
    text = flat("\n".join(pdf_pages(tmp_path / f"{PREFIX}protocol-en.pdf")))
    for section in ("1. General information", "5. Results of the vote", "7. Decision"):
        assert section in text
    assert "Turnout 70.8%" in text and "Astana 9 6 66.7%" in text
    assert "Kostanay Region <5 <5 <5" in text
    assert (
        "Member of the CCM 1 Кандидат admitted" in text
        and "Alternate member of the CCM 1 vacant" in text
    )
    assert "a candidate not admitted to the election marked 1" in text


@sqlite_only
def test_the_kazakh_pdf_keeps_the_kazakh_letters(played, monkeypatch, tmp_path):
    finish(played, monkeypatch, confirm=True)

    code, _, err = export(tmp_path, "--group", "PLHIV", "--lang", "kk")

    assert code == 0, err
    text = flat("\n".join(pdf_pages(tmp_path / f"{PREFIX}protocol-kk.pdf")))
    assert "ХАТТАМА" in text and "Мандаттық комиссия" in text and "Қостанай облысы <5" in text


def test_the_russian_docx_has_the_same_sections_and_figures(played, monkeypatch, tmp_path):
    cast = finish(played, monkeypatch, confirm=True)

    code, _, err = export(tmp_path, "--group", "PLHIV", "--format", "docx")

    assert code == 0, err
    path = tmp_path / f"{PREFIX}protocol-ru.docx"
    text = docx_text(path)
    for section in ("3. Избиратели", "5.1. Бюллетени, не учтённые при подсчёте", "7. Решение"):
        assert section in text
    assert "Астана | 9 | 6 | 66,7%" in text and "Костанайская область | <5 | <5 | <5" in text
    assert "C-" in text and "| Кандидат admitted | 14" in text
    assert "Заместитель члена СКК 1 | вакантно" in text
    assert COMPLAINT in text
    assert docx_headers(path) == [""]  # confirmed: no draft mark
    assert_private(text, cast)


def test_before_confirmation_every_page_says_draft(played, monkeypatch, tmp_path):
    finish(played, monkeypatch, confirm=False)

    assert export(tmp_path, "--group", "PLHIV", "--format", "pdf")[0] == 0
    assert export(tmp_path, "--group", "PLHIV", "--format", "docx")[0] == 0

    pages = pdf_pages(tmp_path / f"{PREFIX}protocol-ru.pdf")
    assert len(pages) > 1
    assert all("DRAFT" in page for page in pages)
    assert "итоги подсчитаны (версия 1), но не утверждены" in flat("\n".join(pages))
    headers = docx_headers(tmp_path / f"{PREFIX}protocol-ru.docx")
    assert headers and all("DRAFT" in header for header in headers)


@sqlite_only
def test_before_the_close_no_votes_per_candidate_are_shown(played, tmp_path):
    code, said, err = export(tmp_path, "--group", "PLHIV", "--lang", "en")

    assert code == 0, err
    assert "DRAFT, results not confirmed" in said
    pages = pdf_pages(tmp_path / f"{PREFIX}protocol-en.pdf")
    text = flat("\n".join(pages))
    assert all("DRAFT" in page for page in pages)
    assert "Number of voters who voted: 17" in text
    assert "The votes have not been counted yet" in text
    assert "Кандидат admitted 1" not in text and "Votes" not in text


@sqlite_only
def test_markdown_links_its_figure_and_json_keeps_suppressed_figures_null(
    played, monkeypatch, tmp_path
):
    finish(played, monkeypatch, confirm=True)

    assert export(tmp_path, "--group", "PLHIV", "--format", "md", "--lang", "en")[0] == 0
    assert export(tmp_path, "--group", "PLHIV", "--format", "json")[0] == 0

    markdown = (tmp_path / f"{PREFIX}protocol-en.md").read_text()
    figure = f"{PREFIX}figure-1-registration-turnout.png"
    assert f"]({figure})" in markdown
    assert (tmp_path / figure).read_bytes().startswith(b"\x89PNG")
    assert "| Kostanay Region | \\<5 | \\<5 | \\<5 |" in markdown
    data = json.loads((tmp_path / f"{PREFIX}protocol-ru.json").read_text())
    assert data["draft"] is False and data["electorate"]["voted"] == 17
    rows = {r["region"]: r for r in data["electorate"]["regions"]["rows"]}
    assert rows["KOS"] == {"region": "KOS", "voters": None, "voted": None, "turnout": None}
    assert [(v["name"], v["votes"]) for v in data["contests"][0]["votes"]] == [
        ("Кандидат admitted", 14)
    ]


@sqlite_only
def test_the_annexes_list_who_voted_by_code_the_ballots_and_the_applications(
    played, monkeypatch, tmp_path
):
    cast = finish(played, monkeypatch, confirm=True)

    assert export(tmp_path, "--group", "PLHIV")[0] == 0

    def rows(name: str) -> list[dict[str, str]]:
        text = (tmp_path / f"{PREFIX}annex-{name}.csv").read_text(encoding="utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    voted = rows("1-voted")
    assert len(voted) == 17
    assert all(re.fullmatch(r"V-[0-9A-Z]{4}-[0-9A-Z]{4}", r["voter_code"]) for r in voted)
    ballots = rows("2-ballots")
    assert sorted((b["status"], b["reason"]) for b in ballots).count(("counted", "")) == 16
    assert ("invalid", "ballot.unknown_candidate") in {(b["status"], b["reason"]) for b in ballots}
    assert all(b["voter_code"] == "" for b in ballots)  # a secret ballot names nobody
    [application] = rows("3-applications")
    assert application["name"] == "Кандидат admitted"
    assert application["documents"] == f"recommendation:{LETTER.file_name}"
    written = "".join(p.read_text(encoding="utf-8-sig") for p in tmp_path.glob("*.csv"))
    assert_private(written, cast)


@sqlite_only
def test_all_writes_every_group(played, tmp_path):
    code, _, err = export(tmp_path, "--all", "--format", "json")

    assert code == 0, err
    names = {p.name for p in tmp_path.iterdir()}
    assert {"ccm-2024-PLHIV-protocol-ru.json", "ccm-2024-TB-protocol-ru.json"} <= names
    tb = json.loads((tmp_path / "ccm-2024-TB-protocol-ru.json").read_text())
    assert tb["electorate"]["regions"]["withheld"] is True  # three voters: no region named


@sqlite_only
def test_an_unknown_group_is_named_and_nothing_is_written(played, tmp_path):
    out = tmp_path / "out"

    code, _, err = export(out, "--group", "NOPE")

    assert code == 1 and "there is no group NOPE in this cycle" in err
    assert list(out.iterdir()) == []
    assert "Traceback" not in err


@sqlite_only
def test_a_wrong_format_or_missing_group_is_refused(played, tmp_path):
    code, _, err = export(tmp_path, "--group", "PLHIV", "--format", "odt")
    assert code == 2 and "odt" in err

    code, _, err = export(tmp_path, "--group", "PLHIV", "--all")
    assert code == 2 and "--group G, or every group with --all" in err
    code, _, err = export(tmp_path)
    assert code == 2 and "--group G" in err
    assert list(tmp_path.glob("*protocol*")) == []


@sqlite_only
def test_an_output_folder_that_cannot_be_written_is_named(played, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    code, _, err = export(blocker / "protocols", "--group", "PLHIV")

    assert code == 1
    assert f"{blocker / 'protocols'} cannot be written to" in err
    assert err.count("\n") == 1 and "Traceback" not in err
