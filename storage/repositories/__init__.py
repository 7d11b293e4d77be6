"""SQL implementations of the repository ports in core.ports, one area per module."""
