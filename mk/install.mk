# SPDX-License-Identifier: MIT
# make install / make uninstall: the static and shared libraries, the
# headers, the tool, the pkg-config file, the CMake package and the man pages,
# under $(DESTDIR)$(PREFIX). sipcode.pc and the CMake package are written at
# install time so that they name the directories they are installed in; the
# man pages at build time, with the version of include/sipcode.h.
DATAROOTDIR ?= $(PREFIX)/share
MANDIR ?= $(DATAROOTDIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CMAKEDIR ?= $(LIBDIR)/cmake/sipcode
INSTALL ?= install

# In sipcode.pc, directories under PREFIX are written as ${prefix}/..., the
# way pkg-config users expect to be able to override.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))
# The CMake package finds its prefix from where it is installed, so that it
# works under DESTDIR and when the tree is moved: "/.." once for each folder
# of CMAKEDIR below PREFIX. A folder outside PREFIX is written as it is.
CM_EMPTY =
CM_PREFIX = $(if $(filter $(PREFIX)/%,$(CMAKEDIR)),$${CMAKE_CURRENT_LIST_DIR}$(subst \
    $(CM_EMPTY) $(CM_EMPTY),,$(foreach d,$(subst /, ,$(CMAKEDIR:$(PREFIX)/%=%)),/..)),$(PREFIX))
CM_LIBDIR = $(patsubst $(PREFIX)/%,$${_sipcode_prefix}/%,$(LIBDIR))
CM_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${_sipcode_prefix}/%,$(INCLUDEDIR))
MAN_PAGES = $(patsubst man/%.in,$(B)/man/%,$(sort $(wildcard man/*.in)))
INSTALLED = $(DESTDIR)$(BINDIR)/sipcode $(DESTDIR)$(LIBDIR)/libsipcode.a \
    $(if $(SO_FILES),$(addprefix $(DESTDIR)$(LIBDIR)/,$(notdir $(SO_FILES)))) \
    $(addprefix $(DESTDIR)$(INCLUDEDIR)/,$(notdir $(HEADERS))) \
    $(DESTDIR)$(PKGCONFIGDIR)/sipcode.pc \
    $(DESTDIR)$(CMAKEDIR)/sipcodeConfig.cmake $(DESTDIR)$(CMAKEDIR)/sipcodeConfigVersion.cmake \
    $(DESTDIR)$(MANDIR)/man1/sipcode.1 $(DESTDIR)$(MANDIR)/man3/sipcode.3

.PHONY: check-install

$(B)/sipcode.pc: sipcode.pc.in include/sipcode.h FORCE | $(B)
	sed -e 's|@prefix@|$(PREFIX)|' -e 's|@libdir@|$(PC_LIBDIR)|' \
	    -e 's|@includedir@|$(PC_INCLUDEDIR)|' -e 's|@version@|$(SIPCODE_VERSION_TEXT)|' \
	    sipcode.pc.in >$@

FORCE:

$(B)/cmake/sipcodeConfig.cmake: mk/sipcodeConfig.cmake.in include/sipcode.h FORCE
	mkdir -p $(B)/cmake
	sed -e 's|@prefix@|$(CM_PREFIX)|' -e 's|@libdir@|$(CM_LIBDIR)|' \
	    -e 's|@includedir@|$(CM_INCLUDEDIR)|' -e 's|@soname@|$(SONAME)|' \
	    -e 's|@sofile@|$(notdir $(SO))|' mk/sipcodeConfig.cmake.in >$@

$(B)/cmake/sipcodeConfigVersion.cmake: mk/sipcodeConfigVersion.cmake.in include/sipcode.h
	mkdir -p $(B)/cmake
	sed -e 's|@version@|$(SIPCODE_VERSION_TEXT)|' -e 's|@major@|$(SIPCODE_VERSION_MAJOR)|' \
	    mk/sipcodeConfigVersion.cmake.in >$@

$(B)/man/%: man/%.in include/sipcode.h
	mkdir -p $(B)/man
	sed -e 's|@VERSION@|$(SIPCODE_VERSION_TEXT)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' $< >$@

all: $(MAN_PAGES)

install: all $(B)/sipcode.pc $(B)/cmake/sipcodeConfig.cmake $(B)/cmake/sipcodeConfigVersion.cmake ## install under DESTDIR and PREFIX (/usr/local)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 755 $(TOOL) $(DESTDIR)$(BINDIR)/sipcode
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libsipcode.a
	$(if $(SO_FILES),$(INSTALL) -m 755 $(SO) $(DESTDIR)$(LIBDIR)/$(notdir $(SO)))
	$(if $(SO_FILES),ln -sf $(notdir $(SO)) $(DESTDIR)$(LIBDIR)/$(SONAME))
	$(if $(SO_FILES),ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsipcode.so)
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL) -m 644 $(B)/sipcode.pc $(DESTDIR)$(PKGCONFIGDIR)/sipcode.pc
	$(INSTALL) -m 644 $(B)/cmake/sipcodeConfig.cmake $(B)/cmake/sipcodeConfigVersion.cmake \
	    $(DESTDIR)$(CMAKEDIR)/
	$(INSTALL) -m 644 $(B)/man/sipcode.1 $(DESTDIR)$(MANDIR)/man1/sipcode.1
	$(INSTALL) -m 644 $(B)/man/sipcode.3 $(DESTDIR)$(MANDIR)/man3/sipcode.3

# Directories are left, but for sipcode's own CMake folder: they may hold
# other packages' files.
uninstall: ## remove what install installed
	rm -f $(INSTALLED)
	rmdir $(DESTDIR)$(CMAKEDIR) 2>/dev/null || true

# After every build product, so that the sub-make finds them up to date and
# no compiler line lands in the middle of a test's output.
check-install: $(LIB) $(SO_FILES) $(TOOL) $(TESTS) $(MAN_PAGES) ## make install and uninstall: pkg-config, CMake's find_package, the man pages
	MAKE="$(MAKE)" CC="$(CC)" CFLAGS="$(CFLAGS)" LDFLAGS="$(LDFLAGS)" sh tests/test_install.sh
