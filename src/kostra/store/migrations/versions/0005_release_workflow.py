"""Releases prepared, confirmed, scheduled and withdrawn; publication dates in the calendar

A release is now prepared (built but not public), confirmed (by a second member of staff for
final figures), given its publishing moment, and may be withdrawn with a reason. Releases made
before this migration were public at once: they are recorded as confirmed and published when
they were made. The calendar gets the publication dates of each year's stages.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("releases") as batch:
        batch.alter_column("created_at", new_column_name="prepared_at")
        batch.alter_column("created_by", new_column_name="prepared_by")
        batch.add_column(sa.Column("confirmed_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("scheduled_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("withdrawn_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("withdrawn_reason", sa.Text(), nullable=True))
        batch.create_foreign_key("fk_releases_confirmed_by", "users", ["confirmed_by"], ["id"])
        batch.create_foreign_key("fk_releases_scheduled_by", "users", ["scheduled_by"], ["id"])
        batch.create_foreign_key("fk_releases_withdrawn_by", "users", ["withdrawn_by"], ["id"])
    op.execute(
        "UPDATE releases SET confirmed_by = prepared_by, confirmed_at = prepared_at, "
        "publish_at = prepared_at, scheduled_by = prepared_by, scheduled_at = prepared_at"
    )
    op.create_table(
        "release_dates",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("preliminary", sa.Date(), nullable=False),
        sa.Column("final", sa.Date(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("year"),
    )


def downgrade() -> None:
    op.drop_table("release_dates")
    with op.batch_alter_table("releases") as batch:
        batch.drop_constraint("fk_releases_withdrawn_by", type_="foreignkey")
        batch.drop_constraint("fk_releases_scheduled_by", type_="foreignkey")
        batch.drop_constraint("fk_releases_confirmed_by", type_="foreignkey")
        for column in ("withdrawn_reason", "withdrawn_at", "withdrawn_by", "scheduled_at",
                       "scheduled_by", "publish_at", "confirmed_at", "confirmed_by"):  # fmt: skip
            batch.drop_column(column)
        batch.alter_column("prepared_by", new_column_name="created_by")
        batch.alter_column("prepared_at", new_column_name="created_at")
