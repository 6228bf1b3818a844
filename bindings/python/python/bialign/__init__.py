"""Sentence alignment of a text and its translation, with calibrated confidences.

bialign pairs the sentences of a Chinese text with those of its English counterpart (or
the reverse, or any other pair of languages with ``src_lang`` and ``tgt_lang``), says which
sentences have no counterpart, and gives every pair a confidence.
It is the Rust library behind the ``bialign`` command line, so the same input and options
give the same output, byte for byte, here and there.

>>> import bialign
>>> a = bialign.align("我父亲是一个医生。他每天早上去医院。",
...                   "My father is a doctor. He goes to the hospital every morning.")
>>> [(b.src, b.tgt) for b in a]
[([0], [0]), ([1], [1])]
>>> a[1].tgt_text
'He goes to the hospital every morning.'

Every option of ``bialign align`` is a keyword argument of :func:`align` and
:class:`Aligner`, with the same name (``max_bead`` for ``--max-bead``) and default;
:func:`defaults` lists them.
"""

from __future__ import annotations

from ._errors import ConfigError, Error, FileError, InputError, InputWarning, OptionError
from ._native import Aligner, Alignment, Bead, Sentence, __version__, defaults, evaluate, read, segment

# No `typing` or `json` at run time: their import would cost a short run more than the
# alignment's own start-up. The annotations below are strings (type checkers read the stubs,
# __init__.pyi).

__all__ = [
    "Aligner",
    "Alignment",
    "Bead",
    "ConfigError",
    "Error",
    "FileError",
    "InputError",
    "InputWarning",
    "OptionError",
    "Sentence",
    "__version__",
    "align",
    "defaults",
    "evaluate",
    "read",
    "segment",
]

def align(
    src: "Union[str, Sequence[str]]",
    tgt: "Union[str, Sequence[str], None]" = None,
    *,
    name: "Optional[str]" = None,
    **options: "Any",
) -> Alignment:
    """Aligns ``src`` with ``tgt``, as ``Aligner(**options).align(src, tgt, name=name)``.

    ``src`` and ``tgt`` are two texts (segmented into sentences as the command line
    segments files) or two lists of sentences (one sentence an item, as ``--presplit``
    reads lines); with ``tgt`` None, ``src`` is one text holding both languages (a UN-style
    document), split into its parts first. The options are those of ``bialign align``
    (``src_lang="zh"``, ``tgt_lang="en"``, ``presplit=False``, ``genre=None``,
    ``max_bead``, ``min_score``, ``dict``, ...; see :func:`defaults`); an unknown option or
    a bad value raises :class:`OptionError` (a ``ValueError``) naming it. To align many
    documents with one configuration, make one :class:`Aligner` and reuse it.

    >>> print(bialign.align(["他来了。", "她走了。"], ["He came.", "She left."]).to_ids(), end="")
    [0]:[0]
    [1]:[1]
    """
    return Aligner(**options).align(src, tgt, name=name)


align.__doc__ = (align.__doc__ or "") + "\n    Options and their defaults:\n\n" + "\n".join(
    f"    - ``{k}={v!r}``" for k, v in defaults().items()
)
