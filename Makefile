# hexdb: a PostgreSQL extension in C++, built with PGXS.
#   make && make install        build and install the extension (and hexctl)
#   make installcheck           pg_regress and isolation tests against a running server
#   make unit                   the pure C++ unit tests (GoogleTest)
# The full suite in a throw-away cluster is test/run.sh (see README.md).

EXTVERSION  = 1.1
MODULE_big  = hexdb
# The control file lives in extension/ with the scripts, so it is installed as DATA.
MODULEDIR   = extension

# The scripts are assembled from extension/sql/ (see extension/sql/README.md):
#   install/*.sql          run once, by CREATE EXTENSION (schema, types)
#   functions/*.sql        CREATE OR REPLACE: functions and their comments, one file a domain
#   setup/*.sql            the body of hexdb.setup(): each domain's tables, idempotent DDL
#   privileges.sql         ownership and EXECUTE rights of the functions
#   upgrade/hexdb--A--B.sql  run once, by ALTER EXTENSION UPDATE from A to B, before the rest
#   upgrade/after/hexdb--A--B.sql  optional, run once after the rest (needs the new functions)
#   upgrade/detach_new_tables.sql  the end of every upgrade: tables it created leave the extension
# The install script is install/ + the re-runnable parts; every upgrade script is its own
# delta + the same re-runnable parts + its after/ part + detach_new_tables.sql, so a new version's functions and
# tables reach every database.
RERUN_PARTS   = $(sort $(wildcard extension/sql/functions/*.sql)) \
                $(sort $(wildcard extension/sql/setup/*.sql)) extension/sql/privileges.sql
INSTALL_PARTS = $(sort $(wildcard extension/sql/install/*.sql)) $(RERUN_PARTS)
UPGRADES      = $(patsubst extension/sql/upgrade/%,extension/%,$(wildcard extension/sql/upgrade/hexdb--*--*.sql))
DATA_built    = extension/hexdb--$(EXTVERSION).sql $(UPGRADES)
DATA          = extension/hexdb.control

# One folder per domain (see docs/architecture.md); core/ holds pure C++, one subfolder a domain.
CORE_SRCS   = $(wildcard extension/src/core/*/*.cpp)
PG_SRCS     = $(wildcard extension/src/*.cpp extension/src/*/*.cpp)
# The folders whose files have no file-local name in common compile as one unit each:
# extension/build/DIR_unit.cpp #includes the folder's files one after the other (core: all of
# core/*/), so the headers they share are parsed once instead of once a file (less than half
# the CPU time, docs/benchmarks.md). scores/ stays file by file: its files have names in common.
UNIT_DIRS   = core pg users friendships uuid diagnostics
unit_srcs   = $(sort $(if $(filter core,$(1)),$(CORE_SRCS),$(wildcard extension/src/$(1)/*.cpp)))
UNIT_SRCS   = $(foreach d,$(UNIT_DIRS),$(call unit_srcs,$(d)))
OBJS        = $(patsubst %.cpp,%.o,$(filter-out $(UNIT_SRCS),$(PG_SRCS))) $(UNIT_DIRS:%=extension/build/%_unit.o)

PG_CPPFLAGS = -Iextension/src
# -MMD -MP: each object's header dependencies in a .d beside it (included below), so a changed
# header rebuilds the objects that include it; PGXS tracks none unless PostgreSQL itself was
# configured with --enable-depend.
PG_CXXFLAGS = -std=c++17 -fno-omit-frame-pointer -Wno-register -Wno-missing-field-initializers -MMD -MP
SHLIB_LINK  = -lstdc++ -lcrypt -lcrypto

# pg_regress suite: test/regress/sql/NAME.sql against test/regress/expected/NAME.out.
REGRESS      = $(patsubst test/regress/sql/%.sql,%,$(sort $(wildcard test/regress/sql/*.sql)))
REGRESS_OPTS = --inputdir=test/regress --outputdir=test/regress

# Isolation tests (isolationtester): test/isolation/specs/NAME.spec against
# test/isolation/expected/NAME.out, in a database that has hexdb.
ISOLATION      = $(patsubst test/isolation/specs/%.spec,%,$(sort $(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=test/isolation/output --load-extension=hexdb
EXTRA_CLEAN    = test/isolation/output $(OBJS:.o=.d)

# No LLVM bitcode: compiling every file a second time with clang (for JIT inlining) doubled
# the build (docs/benchmarks.md), and hexdb's functions, C++ behind PG_TRY and SPI, are
# called by JIT-compiled queries all the same. "override": Makefile.global sets it to yes.
override with_llvm = no

# Read before PGXS sets CXXFLAGS: whether the user chose the flags (see below).
CXXFLAGS_ORIGIN := $(origin CXXFLAGS)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
-include $(OBJS:.o=.d)
# An object with no .d was built before dependencies were tracked: its headers are unknown, so
# it is rebuilt once (a stale object compiled against an older struct layout crashes a backend).
$(foreach o,$(OBJS),$(if $(wildcard $(o:.o=.d)),,$(eval $(o): untracked_headers)))
.PHONY: untracked_headers

# -O2 without -g: pg_config's CXXFLAGS carry -g, which makes every file 25-50% slower to
# compile (docs/benchmarks.md) for debug information that only a debugger on a core dump reads.
# Splitting it out (objcopy --only-keep-debug) would still pay for compiling it, so it is
# built only on request: "make clean; make DEBUG=1" (hexctl too), or CXXFLAGS given on the
# command line (a packager's "-g -O2 ...", split out by dh_strip), which are kept as they are.
# -fno-omit-frame-pointer (PG_CXXFLAGS) keeps perf's call graphs without debug information.
ifeq ($(DEBUG)$(filter command line,$(CXXFLAGS_ORIGIN)),)
override CXXFLAGS := $(filter-out -g,$(CXXFLAGS))
endif

# PGXS passes PG_CXXFLAGS to g++ but not to clang's bitcode step (spi.h pulls in s_lock.h,
# whose 'register' C++17 refuses); -Wall there too, so clang's warnings are seen whenever the
# bitcode is built again (with_llvm=yes on the command line; off above).
override BITCODE_CXXFLAGS += -std=c++17 -Wall -Wno-register -Wno-missing-field-initializers

# Objects compiled for one PostgreSQL must never be linked for another: .pg_build names the
# server headers of the last build, and a different PG_CONFIG rebuilds everything (hexctl is
# relinked against that server's libpq).
PG_BUILD_ID := $(shell $(PG_CONFIG) --version) $(shell $(PG_CONFIG) --includedir-server)
ifneq ($(PG_BUILD_ID),$(shell cat .pg_build 2>/dev/null))
$(shell echo '$(PG_BUILD_ID)' >.pg_build; rm -f client/hexctl)
endif
$(OBJS) $(OBJS:.o=.bc): .pg_build
EXTRA_CLEAN += .pg_build

.SECONDEXPANSION:
extension/build/%_unit.cpp: $$(call unit_srcs,$$*) Makefile
	@mkdir -p $(dir $@)
	printf '#include "%s"\n' $(patsubst extension/src/%,%,$(call unit_srcs,$*)) >$@
EXTRA_CLEAN += extension/build

extension/hexdb--$(EXTVERSION).sql: $(INSTALL_PARTS) Makefile
	cat $(INSTALL_PARTS) > $@
$(UPGRADES): extension/%.sql: extension/sql/upgrade/%.sql $(RERUN_PARTS) $(wildcard extension/sql/upgrade/after/*.sql) \
             extension/sql/upgrade/detach_new_tables.sql Makefile
	cat $< $(RERUN_PARTS) $(wildcard extension/sql/upgrade/after/$(notdir $<)) extension/sql/upgrade/detach_new_tables.sql > $@

# hexctl, the client (client/Makefile): built by "make", installed by "make install" into
# $(DESTDIR)/usr/local/bin with its manual page in /usr/local/share/man/man1 (client/Makefile's
# prefix, bindir, man1dir), removed by "make uninstall".
.PHONY: hexctl install-hexctl uninstall-hexctl clean-hexctl
all: hexctl
install: install-hexctl
uninstall: uninstall-hexctl
clean: clean-hexctl
hexctl:
	$(MAKE) -C client
install-hexctl: hexctl
	$(MAKE) -C client install
uninstall-hexctl:
	$(MAKE) -C client uninstall
clean-hexctl:
	$(MAKE) -C client clean

.PHONY: unit demo test
unit:
	$(MAKE) -C test/unit

demo:
	bash test/demo.sh
test:
	bash test/run.sh
