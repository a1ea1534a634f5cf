// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch: which headers are dispatched to the emulator and which not.
 */
#include "kselftest_harness.h"
#include "xarch_util.h"

FIXTURE(match) {
	char dir[64];
	char guest[128];
};

FIXTURE_VARIANT(match) {
	const char *arch;
	int class;
	int data;
	int machine;
};

#define MATCH_VARIANT(_n, _c, _d, _m)					\
	FIXTURE_VARIANT_ADD(match, _n) {				\
		.arch = #_n, .class = _c, .data = _d, .machine = _m,	\
	}

MATCH_VARIANT(aarch64, ELFCLASS64, ELFDATA2LSB, EM_AARCH64);
MATCH_VARIANT(arm, ELFCLASS32, ELFDATA2LSB, EM_ARM);
MATCH_VARIANT(riscv64, ELFCLASS64, ELFDATA2LSB, EM_RISCV);
MATCH_VARIANT(riscv32, ELFCLASS32, ELFDATA2LSB, EM_RISCV);
MATCH_VARIANT(ppc64le, ELFCLASS64, ELFDATA2LSB, EM_PPC64);
MATCH_VARIANT(ppc64, ELFCLASS64, ELFDATA2MSB, EM_PPC64);
MATCH_VARIANT(s390x, ELFCLASS64, ELFDATA2MSB, EM_S390);
MATCH_VARIANT(mips64el, ELFCLASS64, ELFDATA2LSB, EM_MIPS);
MATCH_VARIANT(loongarch64, ELFCLASS64, ELFDATA2LSB, EM_LOONGARCH);

FIXTURE_SETUP(match)
{
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "match"));
	snprintf(self->guest, sizeof(self->guest), "%s/guest", self->dir);
}

FIXTURE_TEARDOWN(match)
{
	xs_reset();
	xrmtree(self->dir);
}

/* Both ET_EXEC and ET_DYN reach the arch's emulator, with the guest. */
TEST_F(match, dispatched_to_its_emulator)
{
	static const int types[] = { ET_EXEC, ET_DYN };
	struct xrun *r = malloc(sizeof(*r));
	char hex[64];
	size_t i;

	ASSERT_NE(NULL, r);
	ASSERT_EQ(0, xs_set_emulator(variant->arch, xprobe_path()));
	for (i = 0; i < 2; i++) {
		struct xelf e = {
			.class = variant->class, .data = variant->data,
			.machine = variant->machine, .type = types[i],
		};
		long long before = xs_arch_counter(variant->arch, "execs");

		ASSERT_EQ(0, xelf_write(self->guest, &e, 0755));
		ASSERT_EQ(0, xrun_simple(r, self->guest));
		ASSERT_TRUE(xprobe_ran(r)) TH_LOG("type %d: errno %d out %s",
						   types[i], r->exec_errno, r->out);
		EXPECT_STREQ(xprobe_path(), xfield(r->out, "argv0"));
		EXPECT_STREQ(self->guest, xfield(r->out, "argv2"));
		ASSERT_EQ(0, xfile_head_hex(self->guest, 20, hex));
		EXPECT_STREQ(hex, xfield(r->out, "guest_head"));
		EXPECT_EQ(before + 1, xs_arch_counter(variant->arch, "execs"));
	}
	free(r);
}

/* Only this arch's emulator is set: no other arch claims the file. */
TEST_F(match, other_archs_do_not_claim_it)
{
	struct xelf e = {
		.class = variant->class, .data = variant->data,
		.machine = variant->machine, .type = ET_EXEC,
	};
	struct xrun *r = malloc(sizeof(*r));
	size_t i;

	ASSERT_NE(NULL, r);
	for (i = 0; i < XARCH_NR_ARCHS; i++)
		if (strcmp(xarch_archs[i].name, variant->arch))
			ASSERT_EQ(0, xs_set_emulator(xarch_archs[i].name,
						     xprobe_path()));
	ASSERT_EQ(0, xelf_write(self->guest, &e, 0755));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_FALSE(xprobe_ran(r));
	EXPECT_EQ(ENOEXEC, r->exec_errno);
	free(r);
}

/* Headers that must never reach an emulator. */
FIXTURE(refuse) {
	char dir[64];
	char guest[128];
};

FIXTURE_VARIANT(refuse) {
	struct xelf elf;
	int foreign;	/* not native: exec must fail with ENOEXEC */
};

#define LE64 ELFCLASS64, ELFDATA2LSB
#define LE32 ELFCLASS32, ELFDATA2LSB

FIXTURE_VARIANT_ADD(refuse, native_x86_64) {
	.elf = { LE64, EM_X86_64, ET_EXEC, XELF_OK },
};
FIXTURE_VARIANT_ADD(refuse, native_x86_64_dyn) {
	.elf = { LE64, EM_X86_64, ET_DYN, XELF_OK },
};
FIXTURE_VARIANT_ADD(refuse, native_i386) {
	.elf = { LE32, EM_386, ET_EXEC, XELF_OK },
};
FIXTURE_VARIANT_ADD(refuse, native_x32) {
	.elf = { LE32, EM_X86_64, ET_EXEC, XELF_OK },
};
FIXTURE_VARIANT_ADD(refuse, aarch64_big_endian) {
	.elf = { ELFCLASS64, ELFDATA2MSB, EM_AARCH64, ET_EXEC, XELF_OK },
	.foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, aarch64_elf32) {
	.elf = { LE32, EM_AARCH64, ET_EXEC, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, arm_elf64) {
	.elf = { LE64, EM_ARM, ET_EXEC, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, s390x_little_endian) {
	.elf = { LE64, EM_S390, ET_EXEC, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, ppc32) {
	.elf = { ELFCLASS32, ELFDATA2MSB, EM_PPC, ET_EXEC, XELF_OK },
	.foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, unknown_machine) {
	.elf = { LE64, 0x7777, ET_EXEC, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, bad_magic) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_BAD_MAGIC }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, class_none) {
	.elf = { ELFCLASSNONE, ELFDATA2LSB, EM_AARCH64, ET_EXEC, XELF_OK },
	.foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, class_3) {
	.elf = { 3, ELFDATA2LSB, EM_AARCH64, ET_EXEC, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, data_none) {
	.elf = { ELFCLASS64, ELFDATANONE, EM_AARCH64, ET_EXEC, XELF_OK },
	.foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, data_3) {
	.elf = { ELFCLASS64, 3, EM_AARCH64, ET_EXEC, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, ident_version_0) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_IDENT_VERSION0 }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, e_version_0) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_E_VERSION0 }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, et_rel) {
	.elf = { LE64, EM_AARCH64, ET_REL, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, et_core) {
	.elf = { LE64, EM_AARCH64, ET_CORE, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, et_none) {
	.elf = { LE64, EM_AARCH64, ET_NONE, XELF_OK }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, wrong_ehsize) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_EHSIZE }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, wrong_phentsize) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_PHENTSIZE }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, no_phdrs) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_PHNUM0 }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, phoff_past_end) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_PHOFF_PAST_END }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, truncated_header) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_TRUNC_HEADER }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, truncated_phdrs) {
	.elf = { LE64, EM_AARCH64, ET_EXEC, XELF_TRUNC_PHDRS }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, truncated_phdrs_arm) {
	.elf = { LE32, EM_ARM, ET_EXEC, XELF_TRUNC_PHDRS }, .foreign = 1,
};
FIXTURE_VARIANT_ADD(refuse, truncated_phdrs_s390x) {
	.elf = { ELFCLASS64, ELFDATA2MSB, EM_S390, ET_EXEC, XELF_TRUNC_PHDRS },
	.foreign = 1,
};

FIXTURE_SETUP(refuse)
{
	size_t i;

	ASSERT_EQ(0, xs_reset());
	for (i = 0; i < XARCH_NR_ARCHS; i++)
		ASSERT_EQ(0, xs_set_emulator(xarch_archs[i].name, xprobe_path()));
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "refuse"));
	snprintf(self->guest, sizeof(self->guest), "%s/guest", self->dir);
}

FIXTURE_TEARDOWN(refuse)
{
	xs_reset();
	xrmtree(self->dir);
}

/*
 * With the probe set for every arch, the file still does not reach it and
 * no counter moves; a non-native file fails exec with ENOEXEC.
 */
TEST_F(refuse, not_dispatched)
{
	struct xrun *r = malloc(sizeof(*r));
	long long execs = xs_total_counter("execs");
	long long failures = xs_total_counter("failures");

	ASSERT_NE(NULL, r);
	ASSERT_EQ(0, xelf_write(self->guest, &variant->elf, 0755));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_FALSE(xprobe_ran(r)) TH_LOG("dispatched: %s", r->out);
	EXPECT_EQ(NULL, strstr(r->out, "XARCH-PROBE"));
	if (variant->foreign)
		EXPECT_EQ(ENOEXEC, r->exec_errno);
	EXPECT_EQ(execs, xs_total_counter("execs"));
	EXPECT_EQ(failures, xs_total_counter("failures"));
	free(r);
}

TEST_HARNESS_MAIN
