# SPDX-License-Identifier: GPL-2.0-only
#
# xarch — run foreign-architecture Linux programs on x86_64.
#
#   make deps      install what is needed (Debian 12), unpack the kernel matrix into .cache/
#   make           build the module (every kernel of the matrix), emulator, xarchctl, selftests, guests
#   make demo      boot a VM with the module and show an AArch64 program running transparently
#   make check     run every test; ends with "N passed, N failed"
#   make vm-shell  an interactive shell in the VM with the module loaded (KVER=... to choose the kernel)
#   make deb       the Debian packages xarch and xarch-dkms (build/deb/*.deb), checked by lintian
#
# Everything generated goes to build/, everything downloaded to .cache/.

TOP := $(CURDIR)
B := $(TOP)/build
CACHE := $(TOP)/.cache

# The kernel matrix (written by tools/deps) and the default kernel for single builds.
MATRIX := $(shell cat $(CACHE)/kernels/matrix-all 2>/dev/null)
# Headers are unpacked per kernel into .cache/kernels/ABI/headers by tools/deps.
KVER ?= $(lastword $(MATRIX))
KDIR ?= $(CACHE)/kernels/$(KVER)/headers
KSFT_INC := $(CACHE)/linux-src/tools/testing/selftests

all: kmods emulator xarchctl selftests guests

deps:
	tools/deps

# --- the module ---------------------------------------------------------------------------
# Built out of a copy of the sources per kernel, so the matrix builds do not share objects.
KMOD_SRCS := Kbuild $(wildcard kmod/*.c kmod/*.h kmod/*.sh kmod/Kbuild kmod/Makefile)

# $(call kmod_build,ABI,KDIR[,test]) — with "test", the test variant (kmod/testhooks.c), which only
# the selftests load, into $(B)/kmod/ABI/test/.
# A kernel whose headers live in a build root (.cache/kernels/ABI/buildroot, made by tools/deps for
# Debian's 7.x kernels, whose compiler and kbuild tools this Debian 12 host lacks) is built inside it
# by tools/buildroot, with build/kmod/ABI visible at the same path.
define kmod_build
	@rm -rf $(B)/kmod/$(1)/src$(3) && mkdir -p $(B)/kmod/$(1)/src$(3)/kmod $(B)/kmod/$(1)/$(3)
	@cp Kbuild $(B)/kmod/$(1)/src$(3)/ && cp $(filter kmod/%,$(KMOD_SRCS)) $(B)/kmod/$(1)/src$(3)/kmod/
	+$(if $(wildcard $(CACHE)/kernels/$(1)/buildroot),\
		tools/buildroot $(CACHE)/kernels/$(1)/buildroot --bind $(B)/kmod/$(1) -- \
			make -C /usr/src/linux-headers-$(1) M=$(B)/kmod/$(1)/src$(3) $(if $(3),XARCH_TEST=1) modules,\
		$(MAKE) -C $(2) M=$(B)/kmod/$(1)/src$(3) $(if $(3),XARCH_TEST=1) modules)
	@cp $(B)/kmod/$(1)/src$(3)/kmod/binfmt_xarch.ko $(B)/kmod/$(1)/$(3)/binfmt_xarch.ko
endef

# One kernel: make kmod KVER=ABI (headers from the cache), or KVER=NAME KDIR=/path/to/headers
kmod:
	$(call kmod_build,$(KVER),$(KDIR))

# Every kernel of the matrix.
kmods: $(MATRIX:%=$(B)/kmod/%/binfmt_xarch.ko) $(MATRIX:%=$(B)/kmod/%/test/binfmt_xarch.ko)
$(B)/kmod/%/binfmt_xarch.ko: $(KMOD_SRCS)
	$(call kmod_build,$*,$(CACHE)/kernels/$*/headers)
$(B)/kmod/%/test/binfmt_xarch.ko: $(KMOD_SRCS)
	$(call kmod_build,$*,$(CACHE)/kernels/$*/headers,test)

# --- userspace ----------------------------------------------------------------------------
emulator:
	$(MAKE) -C emulator O=$(B)/emulator

xarchctl:
	$(MAKE) -C tools/xarchctl O=$(B)/tools

selftests:
	$(MAKE) -C selftests O=$(B)/selftests KSFT_INC=$(KSFT_INC)

guests:
	$(MAKE) -C tests/guest O=$(B)/guest

# --- style --------------------------------------------------------------------------------
checkpatch:
	perl $(CACHE)/linux-src/scripts/checkpatch.pl --no-tree --strict --terse -f kmod/*.c kmod/*.h

# --- the VM bench ---------------------------------------------------------------------------
vm-test: all
	tools/xarch-vm test $(foreach k,$(MATRIX),--kernel $(k))

vm-shell: all
	tools/xarch-vm shell --kernel $(KVER)

demo:
	tools/deps
	$(MAKE) all
	tools/xarch-vm demo --kernel $(KVER)

check:
	tools/deps
	$(MAKE) all
	tools/check

# --- Debian packages --------------------------------------------------------------------------
# xarch (emulator, xarchctl, the boot unit) and xarch-dkms (the module source), built with
# dpkg-buildpackage in a copy of the sources under build/deb/ (it writes the .debs next to the
# source directory: build/deb/*.deb), then checked by lintian.
DEB_SRC := Makefile Kbuild dkms.conf kmod emulator debian
deb: deb-build
	lintian --fail-on error $(B)/deb/*.changes

deb-build:
	rm -rf $(B)/deb && mkdir -p $(B)/deb/xarch/tools
	cp -r $(DEB_SRC) $(B)/deb/xarch/ && cp -r tools/xarchctl tools/oci $(B)/deb/xarch/tools/
	cd $(B)/deb/xarch && DEB_BUILD_OPTIONS=parallel=2 dpkg-buildpackage -b -us -uc

# --- install on a real machine ----------------------------------------------------------------
PREFIX ?= /usr
RUNNING := $(shell uname -r)
# The guests emulator/Makefile builds (its GUESTS row), one xarch-<guest> each.
GUESTS := $(shell sed -n 's/^GUESTS := //p' emulator/Makefile)
install: emulator xarchctl
	for g in $(GUESTS); do install -D -m 0755 $(B)/emulator/xarch-$$g $(DESTDIR)$(PREFIX)/lib/xarch/xarch-$$g || exit 1; done
	install -D -m 0755 $(B)/tools/xarchctl $(DESTDIR)$(PREFIX)/bin/xarchctl
	install -D -m 0644 tools/xarchctl/xarchctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/xarchctl.1
	install -D -m 0644 tools/xarchctl/xarchctl.bash-completion $(DESTDIR)$(PREFIX)/share/bash-completion/completions/xarchctl
	install -D -m 0755 tools/oci/xarch-oci-hook $(DESTDIR)$(PREFIX)/libexec/xarch/oci-hook
	install -D -m 0644 -t $(DESTDIR)$(PREFIX)/share/containers/oci/hooks.d tools/oci/xarch-sysroot-create.json tools/oci/xarch-sysroot-stop.json
	$(MAKE) kmod KVER=$(RUNNING) KDIR=/lib/modules/$(RUNNING)/build
	$(MAKE) -C /lib/modules/$(RUNNING)/build M=$(B)/kmod/$(RUNNING)/src modules_install
	depmod -a $(RUNNING)

# The module is always built in a copy under build/ (never with M= at this checkout: the kernel's
# clean would delete every *.o, *.a, *.ko below it, other components' included).
clean:
	rm -rf $(B)

.PHONY: all deps kmod kmods emulator xarchctl selftests guests checkpatch vm-test vm-shell demo check deb deb-build install clean
