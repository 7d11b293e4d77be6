"""Every refusal the voting and counting use cases raise, with the params its message receives.

Like core.services.reason_codes these are message-catalogue keys: rename one only together with
every catalogue. Instants are aware UTC datetimes.

Raised by these use cases (constants below):
    ballot.not_voter            {group, status}     status: the VoterStatus, or "none"
    ballot.not_delegate         {group}             indirect voting: only delegates vote
    ballot.already_voted        {group, receipt}    no revote here; the receipt shown again
    ballot.unknown_contest      {group, contest}    a choice for a contest the group lacks
    results.not_computed        {group}             voting closed, but not counted yet
    results.already_confirmed   {group, version}
    results.no_access           {group}             ballots and exports: commission, observers,
                                                    the organising committee, the Secretariat

Passed through from the guards and the tally these use cases call:
    voting.not_open {opens_at}, voting.closed {closed_at}                  (core.stages)
    results.voting_not_closed {closes_at}                                  (core.stages)
    review.not_commission {group}, review.pledge_required {group}          (confirm, withdraw)
    withdrawal.already_withdrawn {}, withdrawal.not_standing {}            (core.tally)
    cycle.none {}, group.unknown {group}                                   (core.services.context)

A ballot recorded as invalid is no refusal: its receipt carries the reason, one of
ballot.repeated_choice, ballot.too_many_choices, ballot.unknown_candidate (core.tally_model).
"""

from __future__ import annotations

NOT_VOTER = "ballot.not_voter"
NOT_DELEGATE = "ballot.not_delegate"
ALREADY_VOTED = "ballot.already_voted"
UNKNOWN_CONTEST = "ballot.unknown_contest"
VOTING_CLOSED = "voting.closed"
NOT_COMPUTED = "results.not_computed"
ALREADY_CONFIRMED = "results.already_confirmed"
NO_ACCESS = "results.no_access"
