"""The building blocks every scenario model shares: the strict base model and the id, text and condition types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# conditions.py refuses a longer condition; the schema states the same bound (conditions.py imports the models, so
# the number is repeated here, and a test keeps the two equal).
CONDITION_MAX_CHARS = 300
TEXT_CHARS = 20_000
SHORT_TEXT_CHARS = 200

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="lower case letters, digits and _")]
Text = Annotated[str, Field(min_length=1, max_length=TEXT_CHARS)]
ShortText = Annotated[str, Field(min_length=1, max_length=SHORT_TEXT_CHARS)]
Condition = Annotated[str, Field(min_length=1, description="an expression over meters and flags",
                                 json_schema_extra={"maxLength": CONDITION_MAX_CHARS})]


class Model(BaseModel):
    """Strict: no coercion, no unknown keys, immutable once loaded."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
