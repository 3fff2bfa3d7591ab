package org.parley.slee.runtime;

import javax.slee.SbbID;
import javax.slee.ServiceID;

/** Component identities as JSLEE's API names them; Parley names a service by its name and an SBB by its class. */
final class ComponentKeys {

    private ComponentKeys() {
    }

    record ServiceKey(String name) implements ServiceID {
    }

    record SbbKey(String className) implements SbbID {
    }
}
