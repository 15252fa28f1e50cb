"""The live app's pages, one module per audience: the facilitator's régie and the projector
(`control`), the synthesis and its exports (`synthesis`), the phones (`participants`)."""
