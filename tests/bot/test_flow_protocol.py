"""/protocol: the commission gets its group's protocol as a PDF, marked DRAFT until confirmed."""

from datetime import timedelta
from io import BytesIO

from pypdf import PdfReader

from tests.bot.talk import bench
from tests.bot.test_flow_review import consented, pledged
from tests.builders import REGISTRATION_OPENS, election, group

DURING_REGISTRATION = REGISTRATION_OPENS + timedelta(hours=1)
ELECTION = election(group("SW", title="Sex workers"))


async def test_a_commission_member_receives_the_draft_protocol_as_a_pdf() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        member = await pledged(stage, "SW", language="en")
        await member.send("/protocol")
        sent = member.last()
        assert sent.upload is not None and sent.upload.startswith(b"%PDF")
        assert sent.document is not None and sent.document.endswith("protocol-en.pdf")
        assert "a DRAFT until the commission confirms" in sent.text
        pages = PdfReader(BytesIO(sent.upload)).pages
        assert all("DRAFT" in page.extract_text() for page in pages)


async def test_someone_outside_the_commission_gets_no_protocol() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        person = await consented(stage, "en")
        await person.send("/protocol")
        assert person.last().upload is None
        assert person.last().text == (
            "You do not hold the role member of the Mandate Commission in any group."
        )
