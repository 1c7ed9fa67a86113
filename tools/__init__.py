"""The lab beside the product: measuring the rules against the labelled sets (`tools.evaluate`).

Not part of the `council-ingest` wheel (pyproject's package find includes `ingest*` only): the
scripts in `scripts/` and the quality tests import it from a checkout. It measures the corpus
the product builds (`ingest.pipeline.build` with rendering off), never a copy of the pipeline.
"""
