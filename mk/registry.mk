# SPDX-License-Identifier: MIT
# The table against IANA's SIP "Response Codes" registry (doc/table-update.md).
#   make registry-check REGISTRY=sip-parameters.xml    lists the differences
#   make registry-update REGISTRY=sip-parameters.xml   writes them into codes.csv
# REGISTRY is IANA's sip-parameters.xml, downloaded by a person: nothing here
# fetches it. gen/registry.py exits 0 (no difference), 1 (differences) or 2
# (a file it cannot read); make reports the last two as Error 1 and Error 2.
# The update also refreshes the registry copy the tests check against, when
# the tree has tests/ (a vendored copy may not).

REGISTRY_COPY = tests/data/sip-response-codes.xml
REGISTRY_USAGE = { echo "usage: make $@ REGISTRY=path/to/sip-parameters.xml" >&2; exit 2; }

.PHONY: registry-check registry-update

registry-check: ## the table against IANA's sip-parameters.xml (REGISTRY=): one line per difference
	@test -n "$(REGISTRY)" || $(REGISTRY_USAGE)
	$(PYTHON) gen/registry.py check $(REGISTRY) codes.csv

registry-update: ## write the differences from REGISTRY= into codes.csv, printed for CHANGELOG.md
	@test -n "$(REGISTRY)" || $(REGISTRY_USAGE)
	$(PYTHON) gen/registry.py update $(if $(wildcard tests/data),--copy $(REGISTRY_COPY)) \
	    $(REGISTRY) codes.csv
