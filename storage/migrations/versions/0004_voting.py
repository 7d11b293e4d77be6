"""Voting: sealed references on vote markers, receipts, late attempts, and results.

A vote marker keeps its voter's current ballot id and receipt code sealed until the close, which
sets both to NULL. Receipts hold a contest and a code only; late attempts a contest and a voter
only; both are WITHOUT ROWID on SQLite, like ballots and markers, so that no hidden rowid records
the order of writing. Results keep every version of a group's result.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy: rebuilding the table could lose WITHOUT ROWID.
    op.add_column('vote_markers', sa.Column('ballot_ref', sa.LargeBinary(), nullable=True))
    op.add_column('vote_markers', sa.Column('receipt_ref', sa.LargeBinary(), nullable=True))
    op.create_table('receipts',
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['contests.id'], name=op.f('fk_receipts_contest_id_contests'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('contest_id', 'code', name=op.f('pk_receipts')),
    sqlite_with_rowid=False,
    )
    op.create_table('late_votes',
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['contest_id'], ['contests.id'], name=op.f('fk_late_votes_contest_id_contests'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pseudonym'], ['people.pseudonym'], name=op.f('fk_late_votes_pseudonym_people')),
    sa.PrimaryKeyConstraint('contest_id', 'pseudonym', name=op.f('pk_late_votes')),
    sqlite_with_rowid=False,
    )
    op.create_table('results',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('seed', sa.String(length=64), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('confirmed_by', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_results_group_id_groups'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('group_id', 'version', name=op.f('pk_results')),
    )


def downgrade() -> None:
    op.drop_table('results')
    op.drop_table('late_votes')
    op.drop_table('receipts')
    # SQLite 3.35+ drops a column in place, keeping the table WITHOUT ROWID.
    op.drop_column('vote_markers', 'receipt_ref')
    op.drop_column('vote_markers', 'ballot_ref')
