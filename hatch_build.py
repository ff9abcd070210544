"""Build hook: ship the top-level ``queries/`` and ``ontology/`` inside the wheel (hatchling).

The repository keeps them at its top, as the canonical, human-edited files; the wheel carries
copies as ``kg/resources/queries`` and ``kg/resources/ontology``, where ``kg.resources`` finds
them with ``importlib.resources``. Only for a standard wheel: an editable install
(``pip install -e .``) reads the checkout's own folders, so nothing is copied that could go stale.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: source folder in the repository -> its place in the wheel
SHIPPED = {"queries": "kg/resources/queries", "ontology": "kg/resources/ontology"}


class ShipResources(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version != "standard":
            return
        for source, target in SHIPPED.items():
            build_data["force_include"][source] = target
