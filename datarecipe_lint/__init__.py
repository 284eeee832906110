"""DataRecipe: reverse-engineer how an AI training dataset was made from its dataset card."""

__version__ = "0.1.0"
__all__ = ["__version__"]
