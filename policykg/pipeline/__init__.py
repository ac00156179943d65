"""policykg.pipeline: the application between the command line and the subpackages.

`inputs` decides what a command works on (documents or a store) and reads,
builds or opens it by one path each; `stages` runs every stage of
``policykg run``. Commands call these and only parse options and print.
"""

from policykg.pipeline.inputs import (
    Inputs,
    Reading,
    Step,
    StepCallback,
    build_store_from_documents,
    build_store_from_loaded,
    document_paths,
    ignore_steps,
    inputs_aliases,
    inputs_corrections,
    load_corpus,
    load_corpus_to_write,
    load_reviewed_corpus,
    open_graph,
    raise_if_left_out,
    read_aliases_file,
    read_corrections_file,
    read_inputs,
    validation_steps,
)
from policykg.pipeline.names import display_names
from policykg.pipeline.stages import STAGES, RunContext, RunResult, run_stages

__all__ = [
    "Inputs",
    "Reading",
    "Step",
    "StepCallback",
    "ignore_steps",
    "document_paths",
    "read_aliases_file",
    "inputs_aliases",
    "read_corrections_file",
    "inputs_corrections",
    "read_inputs",
    "load_corpus",
    "load_reviewed_corpus",
    "load_corpus_to_write",
    "open_graph",
    "build_store_from_documents",
    "build_store_from_loaded",
    "validation_steps",
    "display_names",
    "raise_if_left_out",
    "STAGES",
    "RunContext",
    "RunResult",
    "run_stages",
]
