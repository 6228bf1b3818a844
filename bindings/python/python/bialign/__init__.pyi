# Type stubs of bialign. The options' defaults are the library's (bialign.defaults()); the
# stubs give their types only (the TypedDict Options), and a test checks that every option
# is listed there.
import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, TypedDict, Union, overload

from typing_extensions import Unpack

from ._errors import ConfigError as ConfigError
from ._errors import Error as Error
from ._errors import FileError as FileError
from ._errors import InputError as InputError
from ._errors import InputWarning as InputWarning
from ._errors import OptionError as OptionError

__version__: str

Side = Union[str, Sequence[str]]
PathLike = Union[str, "os.PathLike[str]"]
Genre = Literal["literary", "official"]
FormatName = Literal["ids", "tsv", "csv", "jsonl", "tmx", "moses", "html"]

class Options(TypedDict, total=False):
    """Every option of `bialign align`, by name (defaults: bialign.defaults())."""

    presplit: bool
    src_lang: str
    tgt_lang: str
    detect_langs: bool
    format: Optional[FormatName]
    min_score: Optional[float]
    genre: Optional[Genre]
    hard_paragraphs: bool
    max_bead: int
    first_pass_bead: int
    band: int
    max_band: int
    no_second_pass: bool
    no_anchors: bool
    refinements: Optional[int]
    lexical_weight: Optional[float]
    punctuation_weight: Optional[float]
    opening_weight: Optional[float]
    order_weight: Optional[float]
    coverage: Optional[float]
    unit_weight: Optional[float]
    unit_coverage: Optional[float]
    deletion_prior: Optional[float]
    length_noise: Optional[float]
    deletion_evidence: Optional[float]
    sentence_evidence: Optional[float]
    dict: Sequence[PathLike]
    no_lexicon: bool
    no_pinyin: bool
    no_learned_lexicon: bool
    no_relearn: bool
    jieba: bool
    no_reestimate: bool
    quote_state: bool
    no_speaker_tags: bool
    max_input_bytes: int
    strict_decoding: bool
    threads: Optional[int]
    full_paths: bool
    no_cleanup: bool
    no_structure: bool
    fixed: Union[PathLike, Sequence[Tuple[Sequence[int], Sequence[int]]], None]

class Record(TypedDict):
    bead: int
    src: List[int]
    tgt: List[int]
    src_text: str
    tgt_text: str
    score: float
    is_null: bool

class Columns(TypedDict):
    bead: List[int]
    src: List[List[int]]
    tgt: List[List[int]]
    src_text: List[str]
    tgt_text: List[str]
    score: List[float]
    is_null: List[bool]

class Prf(TypedDict):
    precision: float
    recall: float
    f1: float

class Score(TypedDict):
    strict: Prf
    lax: Prf

class Bead:
    @property
    def src(self) -> List[int]: ...
    @property
    def tgt(self) -> List[int]: ...
    @property
    def src_text(self) -> str: ...
    @property
    def tgt_text(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def is_null(self) -> bool: ...

class Alignment(Sequence[Bead]):
    @overload
    def __getitem__(self, index: int) -> Bead: ...
    @overload
    def __getitem__(self, index: slice) -> List[Bead]: ...
    def __len__(self) -> int: ...
    @property
    def beads(self) -> List[Bead]: ...
    def pairs(self) -> List[Bead]: ...
    @property
    def src_sentences(self) -> List[str]: ...
    @property
    def tgt_sentences(self) -> List[str]: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def mixed(self) -> bool: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def summary(self) -> str: ...
    def render(self, format: FormatName) -> str: ...
    def to_tmx(self) -> str: ...
    def to_tsv(self) -> str: ...
    def to_csv(self) -> str: ...
    def to_jsonl(self) -> str: ...
    def to_ids(self) -> str: ...
    def to_html(self) -> str: ...
    def to_records(self) -> List[Record]: ...
    def to_columns(self) -> Columns: ...
    def save(self, path: PathLike, format: Optional[FormatName] = None) -> List[str]: ...

class Sentence:
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def lang(self) -> Literal["zh", "en"]: ...
    @property
    def para(self) -> int: ...
    @property
    def id(self) -> int: ...

Pair = Union[
    Tuple[Side, Optional[Side]],
    Tuple[Side, Optional[Side], Optional[str]],
    Dict[str, Any],
]

class Aligner:
    def __init__(self, **options: Unpack[Options]) -> None: ...
    @property
    def options(self) -> Dict[str, Any]: ...
    def align(self, src: Side, tgt: Optional[Side] = None, *, name: Optional[str] = None) -> Alignment: ...
    def align_fixed(
        self,
        src: Side,
        tgt: Optional[Side],
        fixed: Union[PathLike, Sequence[Tuple[Sequence[int], Sequence[int]]]],
        *,
        name: Optional[str] = None,
    ) -> Alignment: ...
    def align_many(self, pairs: Iterable[Pair], threads: Optional[int] = None) -> List[Union[Alignment, Error]]: ...

def align(src: Side, tgt: Optional[Side] = None, *, name: Optional[str] = None, **options: Unpack[Options]) -> Alignment: ...
def defaults() -> Dict[str, Any]: ...
def segment(text: str, lang: Optional[Literal["zh", "en"]] = None, *, presplit: bool = False, no_cleanup: bool = False) -> List[Sentence]: ...
def read(path: PathLike, *, max_input_bytes: Optional[int] = None, strict_decoding: Optional[bool] = None) -> str: ...
def evaluate(
    gold: Union[Alignment, str, "os.PathLike[str]", Sequence[Tuple[Sequence[int], Sequence[int]]]],
    test: Union[Alignment, str, "os.PathLike[str]", Sequence[Tuple[Sequence[int], Sequence[int]]]],
    *,
    src_verses: Optional[PathLike] = None,
    tgt_verses: Optional[PathLike] = None,
) -> Score: ...
