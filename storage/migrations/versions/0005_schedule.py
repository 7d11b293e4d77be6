"""The scheduler: linked community chats, marks of work done, the leader lease, broadcasts.

`schedule_marks` makes stage transitions and reminders happen once whatever the number of
schedulers or restarts; `leases` elects the one replica that runs the scheduler and the paced
sender; `broadcasts` follows the Organizing Committee's announcements until every copy is settled.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('group_chats',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('chat', sa.LargeBinary(), nullable=False),
    sa.Column('chat_key', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('linked_by', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_group_chats_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', name=op.f('pk_group_chats'))
    )
    op.create_index(op.f('ix_group_chats_chat_key'), 'group_chats', ['chat_key'])
    op.create_table('schedule_marks',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.String(length=120), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_schedule_marks_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'mark', name=op.f('pk_schedule_marks'))
    )
    op.create_table('leases',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('holder', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_leases'))
    )
    op.create_table('broadcasts',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=64), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('reported', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_broadcasts_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_broadcasts'))
    )
    op.create_table('broadcast_messages',
    sa.Column('broadcast_id', sa.String(length=32), nullable=False),
    sa.Column('message_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['broadcast_id'], ['broadcasts.id'], name=op.f('fk_broadcast_messages_broadcast_id_broadcasts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox.id'], name=op.f('fk_broadcast_messages_message_id_outbox'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('broadcast_id', 'message_id', name=op.f('pk_broadcast_messages'))
    )


def downgrade() -> None:
    op.drop_table('broadcast_messages')
    op.drop_table('broadcasts')
    op.drop_table('leases')
    op.drop_table('schedule_marks')
    op.drop_index(op.f('ix_group_chats_chat_key'), table_name='group_chats')
    op.drop_table('group_chats')
