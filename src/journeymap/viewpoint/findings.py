"""What the viewpoint check says about a label: the grammar's findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

KINDS: Final = frozenset({"company-subject", "customer-object", "company-verb", "company-noun", "company-passive"})


@dataclass(frozen=True)
class ViewpointFinding:
    """Why a label reads as a company process step, and how the customer would say it."""

    kind: str
    reason: str
    suggestion: str | None
    matched: str
