"""Round 30: a deployment that is only asked for, attempted or possible is no deployment told.

The modality policy (``kg/extract/modality.py``) gives "hypothetical" to what a request, an attempt,
a condition, a modal of possibility or a generic statement governs ("urged the government to send
more troops", "efforts to deploy a unit", "if X sends troops", "Sending troops is the usual reflex").
For attacks, captures and meetings the scorer ignores such events; for deployments it counts every
one that is not negated, since an announced or ordered deployment (planned) is news (GUIDELINES). A
hypothetical deployment is neither announced nor ordered, so it is not kept.
"""

from __future__ import annotations

from kg.extract.events.frame import Frame


def _unannounced_deployments_dropped(frames: list[Frame]) -> list[Frame]:
    return [f for f in frames if not (f.type == "Deployment" and f.modality == "hypothetical")]
