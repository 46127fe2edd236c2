package org.certbound.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, or {@code dev} when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = CertboundCommand.class.getPackage().getImplementationVersion();
        return new String[] {"certbound " + (version == null ? "dev" : version)};
    }
}
