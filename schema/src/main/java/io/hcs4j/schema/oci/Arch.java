package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.Arch}: open like Go's named string, so values a newer host adds survive a round trip. */
public record Arch(@JsonValue String value) {
    public static final Arch SCMP_ARCH_X86 = new Arch("SCMP_ARCH_X86");
    public static final Arch SCMP_ARCH_X86_64 = new Arch("SCMP_ARCH_X86_64");
    public static final Arch SCMP_ARCH_X32 = new Arch("SCMP_ARCH_X32");
    public static final Arch SCMP_ARCH_ARM = new Arch("SCMP_ARCH_ARM");
    public static final Arch SCMP_ARCH_AARCH64 = new Arch("SCMP_ARCH_AARCH64");
    public static final Arch SCMP_ARCH_MIPS = new Arch("SCMP_ARCH_MIPS");
    public static final Arch SCMP_ARCH_MIPS64 = new Arch("SCMP_ARCH_MIPS64");
    public static final Arch SCMP_ARCH_MIPS64N32 = new Arch("SCMP_ARCH_MIPS64N32");
    public static final Arch SCMP_ARCH_MIPSEL = new Arch("SCMP_ARCH_MIPSEL");
    public static final Arch SCMP_ARCH_MIPSEL64 = new Arch("SCMP_ARCH_MIPSEL64");
    public static final Arch SCMP_ARCH_MIPSEL64N32 = new Arch("SCMP_ARCH_MIPSEL64N32");
    public static final Arch SCMP_ARCH_PPC = new Arch("SCMP_ARCH_PPC");
    public static final Arch SCMP_ARCH_PPC64 = new Arch("SCMP_ARCH_PPC64");
    public static final Arch SCMP_ARCH_PPC64LE = new Arch("SCMP_ARCH_PPC64LE");
    public static final Arch SCMP_ARCH_S390 = new Arch("SCMP_ARCH_S390");
    public static final Arch SCMP_ARCH_S390X = new Arch("SCMP_ARCH_S390X");
    public static final Arch SCMP_ARCH_PARISC = new Arch("SCMP_ARCH_PARISC");
    public static final Arch SCMP_ARCH_PARISC64 = new Arch("SCMP_ARCH_PARISC64");
    public static final Arch SCMP_ARCH_RISCV64 = new Arch("SCMP_ARCH_RISCV64");
    public static final Arch SCMP_ARCH_LOONGARCH64 = new Arch("SCMP_ARCH_LOONGARCH64");
    public static final Arch SCMP_ARCH_M68K = new Arch("SCMP_ARCH_M68K");
    public static final Arch SCMP_ARCH_SH = new Arch("SCMP_ARCH_SH");
    public static final Arch SCMP_ARCH_SHEB = new Arch("SCMP_ARCH_SHEB");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Arch of(String value) {
        return new Arch(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
