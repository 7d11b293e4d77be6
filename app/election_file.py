"""The election file: one YAML file in which the CCM Secretariat declares an election cycle.

Format
------
The file has three top-level blocks::

    cycle:                        # the election as a whole
      code: ccm-2024              # small Latin letters, digits, dashes
      names:                      # every name is given in Russian, Kazakh and English
        ru: Выборы в СКК 2024
        kk: 2024 жылғы ЕҮМ сайлауы
        en: CCM elections 2024
      year: 2024
      timezone: Asia/Almaty       # optional; Asia/Almaty when left out
      starts: 2024-08-01 00:00    # nothing of any group may happen before ...
      ends: 2024-09-30 23:59      # ... or after these two times

    defaults:                     # optional: said once, applies to every group
      regulation:                 # any setting of a group's regulation (see below)
        competition:
          seats: {members: 1, alternates: 1}
      calendar:                   # the Secretariat's common deadlines
        preparation: 2024-08-05 09:00
        announcement: 2024-08-11 10:00
        registration: {opens: 2024-08-11 10:00, closes: 2024-08-19 18:00}
        candidate_list: 2024-08-20 10:00
        voting: {opens: 2024-08-21 10:00, closes: 2024-08-25 18:00}
        results: 2024-08-26 10:00

    groups:                       # one entry per electoral group
      - code: SW                  # capital Latin letters, digits, dashes: PLHIV, HIV-NGO
        names: {ru: Секс-работники, kk: Секс-қызметкерлер, en: Sex workers}
        regulation:               # only what differs from defaults.regulation
          competition: {rule: parallel_contests}
        calendar:                 # only the times this group changes ("may run faster")
          voting: {closes: 2024-08-23 18:00}
        past_holders:             # earlier seat holders, for the two-terms limit
          - name: Айгерим Тестова
            terms: [{cycle_year: 2018, seat: member}, {cycle_year: 2021, seat: member}]

Regulation settings (default in brackets): voter_kind individual|organization [individual];
admission automatic|commission [automatic]; declarations, a list of region|organization
[region] (an organization voter must declare organization); secrecy secret|open [secret];
mode direct|indirect [direct]; competition: rule single_contest|parallel_contests
[single_contest], seats: members 1-10 [1], alternates 0-10 [1], choices 1-20 [1]; tie_rule
lot|earliest_application|repeat_vote [lot]; withdrawal_rule next_by_votes|repeat_vote
[next_by_votes]; term_limit: max_consecutive_terms [2], alternate_counts [true]; documents, a
list of {code, names, required, types, max_megabytes} [one optional recommendation letter];
cross_group: voter_in_several_groups, commission_member_votes_elsewhere,
candidate_votes_elsewhere, commission_member_serves_several_groups, each allowed|forbidden
[allowed, allowed, allowed, forbidden]; revote true|false [false]; region_threshold 1-100 [5];
regions, a list of region codes voters may declare [all twenty: AST ALA SHY ABA AKM AKT ALM
ATY EKZ ZHA ZHE KAR KOS KZY MAN NKZ PAV TUR ULY WKZ].

Merging: a group's `regulation:` and `calendar:` are laid over `defaults:` key by key, at every
depth; a list (documents, regions, declarations) given by a group replaces the default list.

Times are written `YYYY-MM-DD HH:MM` in the cycle's time zone; an explicit offset
(`2024-08-19 18:00+05:00`, or `Z` for UTC) is also accepted. A time without an hour is refused.
The eight calendar times must not go backwards; registration and voting must close strictly
after they open; all must lie between the cycle's `starts` and `ends`.

Problems are reported all at once, each as `FILE:LINE: FIELD: message`, where FIELD is a path
like `groups[SW].calendar.voting.closes`. A group is named by its code, or by its position in
the list (counting from 1) when its code is missing, malformed or used twice; positions in other
lists count from 1 too. A problem in `defaults:` is reported once, at the line of the default.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from app.election_file_cycle import read_cycle
from app.election_file_groups import group_items, label_groups, read_defaults, read_group
from app.election_file_models import check_keys, require_block
from app.election_file_problems import ElectionFileError, Problem, ProblemLog
from app.yaml_source import read_yaml
from core.election import ElectionConfig

__all__ = ["ElectionFileError", "Problem", "load_election_file"]

TOP_KEYS = ("cycle", "defaults", "groups")


def load_election_file(path: str | Path) -> ElectionConfig:
    """Read and validate an election file; raise ElectionFileError listing every problem."""
    path = Path(path)
    log = ProblemLog(str(path))
    root = read_yaml(path, log)
    if root is None or not root.is_mapping:
        if root is not None:
            require_block(root, log, "the file")
        log.raise_if_any()
        raise ElectionFileError([Problem(log.file, 0, "(file)", "the file is empty")])
    check_keys(root, TOP_KEYS, log)
    cycle = read_cycle(root, log)
    defaults = read_defaults(root, log)
    items = group_items(root, log)
    label_groups(items, log)
    groups = [read_group(item, defaults, cycle, log) for item in items]
    log.raise_if_any()
    valid_groups = tuple(group for group in groups if group is not None)
    try:
        if cycle.info is None or len(valid_groups) != len(groups):
            raise ValueError("a part of the file was refused without a reason being given")
        return ElectionConfig(cycle=cycle.info, groups=valid_groups)
    except (ValidationError, ValueError) as error:
        # The checks above should leave nothing for the core to find; if they did, say so.
        problem = Problem(log.file, 0, "(file)", f"the file was refused: {error}")
        raise ElectionFileError([problem]) from error
