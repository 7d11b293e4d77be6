"""A voter taps Confirm twice before the receipt arrives, through each framework and database.

Both taps leave the phone before the bot has answered either, so both carry the button of the
ballot's confirmation. The regulation allows a revote, the case where a second cast would do
harm: it would replace the ballot just confirmed. The voter must see the receipt, then that
the vote is already recorded (the same receipt), and never that the button is no longer
valid; the count after the close holds one ballot.
"""

from __future__ import annotations

import pytest

from bot.launch import Framework
from tests.bot.test_flow_vote_support import RECEIPT, add_candidates, admit_voter, voting_group
from tests.builders import election
from tests.e2e.scene import scene
from tests.e2e.test_e2e_voting import AFTER, VOTING, commission_member
from tests.faults.voter_support import CONFIRM, to_confirmation
from tests.waiting import shown

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("framework", list(Framework))
async def test_confirm_tapped_twice_says_the_vote_is_recorded_and_keeps_one_ballot(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, election(voting_group(revote=True)), VOTING) as stage:
        ids = await add_candidates(stage.uow_factory, stage.vault, "SW", ["Aigul", "Bolat"])
        phone = stage.phone("Aida", language="en")
        await admit_voter(
            stage.uow_factory, stage.vault, "SW", stage.pseudonym(phone), phone.chat.id, "en"
        )
        commission = await commission_member(stage, language="en")
        await to_confirmation(phone, timeout=10)
        await phone.tap(CONFIRM)
        await phone.tap(CONFIRM)  # a tap never yields: the bot has not seen the first one yet
        await shown(phone, "is already recorded", timeout=10)

        *_, recorded, again = phone.transcript().texts("bot")
        [receipt] = RECEIPT.findall(recorded)
        assert recorded.startswith("✅ Your vote is recorded (Sex workers).")
        assert again == (
            "✅ Your vote in Sex workers is already recorded; pressing again sent nothing more. "
            f"Receipt: {receipt}"
        )
        chat = phone.transcript().render()
        assert "no longer valid" not in chat and "new vote" not in chat

        stage.clock.set(AFTER)
        await commission.send("/results")
        await shown(commission, "awaiting the Mandate Commission's confirmation", timeout=10)
        count = commission.transcript().texts("bot")[-1]
        assert f"Bolat ({ids['Bolat']}): 1\n" in count
        assert "Ballots counted: 1; blank: 0; invalid: 0; late, not counted: 0" in count
