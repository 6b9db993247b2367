"""analyser: reads Dutch prestatieafspraken and reports how good the agreements are."""

__version__ = "0.1.0"
