# SPDX-License-Identifier: MIT
# The sipcode tool's commands (included by Makefile): cli/sipcode.c finds
# the command and checks its options; these files hold the commands and the
# record printer they share.

CLI_HDRS = cli/cli.h cli/record.h cli/json.h $(HEADERS)
CLI_OBJS = $(B)/obj/cli_record.o $(B)/obj/cli_fields.o $(B)/obj/cli_cmd_lookup.o \
    $(B)/obj/cli_cmd_scan.o

$(B)/obj/cli_record.o $(B)/obj/cli_fields.o $(B)/obj/cli_cmd_lookup.o: $(B)/obj/cli_%.o: \
		cli/%.c $(CLI_HDRS) | $(B)/obj
	$(COMPILE) -c $< -o $@
$(B)/obj/cli_fields.o: cli/meanings.inc cli/q850_notes.inc

# scan and merge use the analyser (mk/capture.mk) and the trace scanner.
$(B)/obj/cli_cmd_scan.o: cli/cmd_scan.c $(CLI_HDRS) $(AN_HDRS) cli/scan.h cli/phrase_kind.h | $(B)/obj
	$(COMPILE) $(AN_CPPFLAGS) -c cli/cmd_scan.c -o $@

$(B)/obj/cli.o: cli/cli.h
TOOL_OBJS += $(CLI_OBJS)
$(TOOL): $(CLI_OBJS)
