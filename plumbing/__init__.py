"""The bottom layer, shared by ``crawlers``, ``pipelines`` and ``warehouse`` and importing
none of them: fault points for crash tests (``faults``) and file locks (``filelock``)."""
