# SPDX-License-Identifier: MIT
# make install / make uninstall: the library, the headers, the tool, the
# pkg-config file and the man pages, under $(DESTDIR)$(PREFIX). sipcode.pc is
# written at install time so that it names the directories it is installed in.
DATAROOTDIR ?= $(PREFIX)/share
MANDIR ?= $(DATAROOTDIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL ?= install

# The version has one home, include/sipcode.h.
SIPCODE_VERSION_TEXT := $(shell sed -n 's/^.define SIPCODE_VERSION "\(.*\)"$$/\1/p' include/sipcode.h)
# In sipcode.pc, directories under PREFIX are written as ${prefix}/..., the
# way pkg-config users expect to be able to override.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))
INSTALLED = $(DESTDIR)$(BINDIR)/sipcode $(DESTDIR)$(LIBDIR)/libsipcode.a \
    $(addprefix $(DESTDIR)$(INCLUDEDIR)/,$(notdir $(HEADERS))) \
    $(DESTDIR)$(PKGCONFIGDIR)/sipcode.pc \
    $(DESTDIR)$(MANDIR)/man1/sipcode.1 $(DESTDIR)$(MANDIR)/man3/sipcode.3

.PHONY: check-install

$(B)/sipcode.pc: sipcode.pc.in include/sipcode.h FORCE | $(B)
	sed -e 's|@prefix@|$(PREFIX)|' -e 's|@libdir@|$(PC_LIBDIR)|' \
	    -e 's|@includedir@|$(PC_INCLUDEDIR)|' -e 's|@version@|$(SIPCODE_VERSION_TEXT)|' \
	    sipcode.pc.in >$@

FORCE:

install: all $(B)/sipcode.pc ## install under DESTDIR and PREFIX (/usr/local)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 755 $(TOOL) $(DESTDIR)$(BINDIR)/sipcode
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libsipcode.a
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL) -m 644 $(B)/sipcode.pc $(DESTDIR)$(PKGCONFIGDIR)/sipcode.pc
	$(INSTALL) -m 644 man/sipcode.1 $(DESTDIR)$(MANDIR)/man1/sipcode.1
	$(INSTALL) -m 644 man/sipcode.3 $(DESTDIR)$(MANDIR)/man3/sipcode.3

# Directories are left: they may hold other packages' files.
uninstall: ## remove what install installed
	rm -f $(INSTALLED)

# After every build product, so that the sub-make finds them up to date and
# no compiler line lands in the middle of a test's output.
check-install: $(LIB) $(TOOL) $(TESTS)
	MAKE="$(MAKE)" CC="$(CC)" CFLAGS="$(CFLAGS)" LDFLAGS="$(LDFLAGS)" sh tests/test_install.sh
