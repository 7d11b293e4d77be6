"""Use cases: plain values in, one unit of work per call, domain errors out."""
