"""Messages from the statistics office to the units: the inbox "Fra SSB"

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=6), nullable=False),
        sa.Column("form", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("link", sa.String(length=200), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=True),
        sa.Column("error_list_id", sa.Integer(), nullable=True),
        sa.Column("sent_by", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("delivery", sa.String(length=12), nullable=False),
        sa.Column("read_by", sa.Integer(), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["reminder_id"], ["reminders.id"]),
        sa.ForeignKeyConstraint(["error_list_id"], ["error_list_dispatches.id"]),
        sa.ForeignKeyConstraint(["sent_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["read_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_messages_unit_sent_at", "messages", ["unit", "sent_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_unit_sent_at", table_name="messages")
    op.drop_table("messages")
