"""conflict-kg: knowledge graphs of armed-conflict news."""

__version__ = "0.1.0"
