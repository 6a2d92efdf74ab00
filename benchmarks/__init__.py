"""danvan's benchmarks: `python -m benchmarks --size medium` (see README.md). Not part of the test suite."""
