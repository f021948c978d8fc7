package io.synod.tools;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class SynodVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = SynodCli.class.getPackage().getImplementationVersion();
        return new String[] {"synod " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")};
    }
}
