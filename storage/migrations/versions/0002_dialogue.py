"""The bot's memory: conversations, the outbox, handled updates; role invites and complaints.

Sealed columns (conversation notes, outgoing chat and body, complaint texts) hold AES-GCM
ciphertext made by the edge. An invite is kept as the SHA-256 of its token, never the token.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conversations',
    sa.Column('person', sa.String(length=64), nullable=False),
    sa.Column('flow', sa.String(length=32), nullable=True),
    sa.Column('step', sa.String(length=32), nullable=True),
    sa.Column('data', sa.LargeBinary(), nullable=True),
    sa.Column('buttons', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('person', name=op.f('pk_conversations'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('chat', sa.LargeBinary(), nullable=True),
    sa.Column('body', sa.LargeBinary(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('not_before', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'sent', 'blocked', 'failed')", name=op.f('ck_outbox_status_known')),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_outbox_group_id_groups'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    op.create_index('ix_outbox_status_not_before', 'outbox', ['status', 'not_before'])
    op.create_table('handled_updates',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('update_id', name=op.f('pk_handled_updates'))
    )
    op.create_table('invites',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('cycle_code', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by', sa.String(length=64), nullable=True),
    sa.CheckConstraint("role IN ('committee', 'commission', 'observer', 'secretariat', 'delegate')", name=op.f('ck_invites_role_known')),
    sa.ForeignKeyConstraint(['cycle_code'], ['cycles.code'], name=op.f('fk_invites_cycle_code_cycles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_invites_group_id_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['used_by'], ['people.pseudonym'], name=op.f('fk_invites_used_by_people')),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_invites'))
    )
    op.create_table('complaints',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=64), nullable=False),
    sa.Column('text', sa.LargeBinary(), nullable=False),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answer', sa.LargeBinary(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_complaints_group_id_groups'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['author'], ['people.pseudonym'], name=op.f('fk_complaints_author_people')),
    sa.ForeignKeyConstraint(['answered_by'], ['people.pseudonym'], name=op.f('fk_complaints_answered_by_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints'))
    )
    op.create_index(op.f('ix_complaints_group_id'), 'complaints', ['group_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_complaints_group_id'), table_name='complaints')
    op.drop_table('complaints')
    op.drop_table('invites')
    op.drop_table('handled_updates')
    op.drop_index('ix_outbox_status_not_before', table_name='outbox')
    op.drop_table('outbox')
    op.drop_table('conversations')
