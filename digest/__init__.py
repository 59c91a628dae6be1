"""digest: turns news articles and feeds into a compact evening email digest.

The public API: load a config, run the pipeline, reduce an article.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
