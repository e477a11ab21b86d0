package io.msr.bench;

import io.msr.Msr;
import io.msr.MsrSettings;

/** Applies the migrations of a folder with MSR: {@code ApplyWithMsr <jdbc-url> <user> <folder>}. */
public final class ApplyWithMsr {

    private ApplyWithMsr() {
    }

    public static void main(String[] args) {
        Msr msr = Msr.builder().url(args[0], args[1], null)
                .settings(MsrSettings.builder().locations("filesystem:" + args[2]).build()).build();
        System.out.println("msr applied " + msr.migrate().succeeded().size());
    }
}
