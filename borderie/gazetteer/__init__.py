"""Border gazetteer: places of Vietnam, Laos, Cambodia and China's border, and a linker."""

from .place import Place

__all__ = ["Place"]
