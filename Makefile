# hexdb: a PostgreSQL extension in C++, built with PGXS.
#   make && make install        build and install the extension (and hexctl)
#   make installcheck           pg_regress and isolation tests against a running server
#   make unit                   the pure C++ unit tests (GoogleTest)
# The full suite in a throw-away cluster is test/run.sh (see README.md).

EXTVERSION  = 1.0
MODULE_big  = hexdb
# The control file lives in extension/ with the scripts, so it is installed as DATA.
MODULEDIR   = extension

# The install script is assembled from one file per domain, in order, so that each
# domain's tables, functions and comments live together (see extension/sql/).
SQL_PARTS   = $(sort $(wildcard extension/sql/*.sql))
DATA_built  = extension/hexdb--$(EXTVERSION).sql
DATA        = extension/hexdb.control $(wildcard extension/hexdb--*--*.sql)

# One folder per domain (see docs/architecture.md); core/ holds pure C++, one subfolder a domain.
CORE_SRCS   = $(wildcard extension/src/core/*/*.cpp)
PG_SRCS     = $(wildcard extension/src/*.cpp extension/src/*/*.cpp)
OBJS        = $(PG_SRCS:.cpp=.o) $(CORE_SRCS:.cpp=.o)

PG_CPPFLAGS = -Iextension/src
PG_CXXFLAGS = -std=c++17 -fno-omit-frame-pointer -Wno-register -Wno-missing-field-initializers
SHLIB_LINK  = -lstdc++ -lcrypt -lcrypto

# pg_regress suite: test/regress/sql/NAME.sql against test/regress/expected/NAME.out.
REGRESS      = $(patsubst test/regress/sql/%.sql,%,$(sort $(wildcard test/regress/sql/*.sql)))
REGRESS_OPTS = --inputdir=test/regress --outputdir=test/regress

# Isolation tests (isolationtester): test/isolation/specs/NAME.spec against
# test/isolation/expected/NAME.out, in a database that has hexdb.
ISOLATION      = $(patsubst test/isolation/specs/%.spec,%,$(sort $(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=test/isolation/output --load-extension=hexdb
EXTRA_CLEAN    = test/isolation/output

# No LLVM bitcode: compiling every file a second time with clang (for JIT inlining) doubled
# the build (docs/benchmarks.md), and hexdb's functions, C++ behind PG_TRY and SPI, are
# called by JIT-compiled queries all the same. "override": Makefile.global sets it to yes.
override with_llvm = no

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS passes PG_CXXFLAGS to g++ but not to clang's bitcode step (spi.h pulls in s_lock.h,
# whose 'register' C++17 refuses).
override BITCODE_CXXFLAGS += -std=c++17 -Wno-register

$(DATA_built): $(SQL_PARTS) Makefile
	cat $(SQL_PARTS) > $@

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
