"""eigenplan: the resident's own plan for the Dutch social domain."""

__version__ = "0.1.0"
