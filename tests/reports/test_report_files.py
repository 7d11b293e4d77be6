"""Annexes and archives on their own: what a spreadsheet or `sha256sum -c` would make of them."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

from reports.archive import MANIFEST, build_archive, verify_archive
from reports.csv_annexes import table_csv


def test_a_typed_formula_stays_text_in_a_spreadsheet():
    content = table_csv(("statement",), [('=HYPERLINK("http://x")',), ("Доступ к терапии",)])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["statement"], ['\'=HYPERLINK("http://x")'], ["Доступ к терапии"]]


def test_the_manifest_is_what_sha256sum_checks_and_the_same_files_give_the_same_zip(tmp_path):
    files = {"b.csv": b"2", "a/протокол.pdf": b"%PDF"}
    first, second = build_archive(files), build_archive(dict(reversed(files.items())))
    path = tmp_path / "archive.zip"
    path.write_bytes(first)

    with zipfile.ZipFile(path) as archive:
        manifest = archive.read(MANIFEST).decode()
    assert manifest == (
        f"{hashlib.sha256(b'%PDF').hexdigest()}  a/протокол.pdf\n"
        f"{hashlib.sha256(b'2').hexdigest()}  b.csv\n"
    )
    assert first == second
    assert verify_archive(path) == []


def test_an_archive_without_a_manifest_is_not_taken_on_trust(tmp_path):
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("protocol.pdf", b"%PDF")

    [problem] = verify_archive(path)

    assert (problem.file, problem.why) == (MANIFEST, "the manifest is missing")
