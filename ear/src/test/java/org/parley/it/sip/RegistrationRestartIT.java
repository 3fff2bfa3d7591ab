package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.it.Fixtures;
import org.parley.it.ParleyDeployment;

/** Bindings survive a redeployment: they are restored from the registration events in the log. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrationRestartIT {

    private static final String DEPLOYMENT = "parley-registrations";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void aPhoneRegisteredBeforeARedeployIsStillBoundAfterIt() throws Exception {
        deployer.deploy(DEPLOYMENT);
        try {
            Fixtures.TestTenant tenant = Fixtures.newTenant();
            String domain = Fixtures.sipDomain(tenant);
            List<String> phone = List.of(Sipp.user("5001", Sipp.newAgent(tenant, "5001"), domain));
            List<String> other = List.of(Sipp.user("5002", Sipp.newAgent(tenant, "5002"), domain));
            assertEquals(0, Sipp.run("register-digest.xml", phone));
            assertEquals(0, Sipp.run("register-digest.xml", other));
            assertEquals(0, Sipp.run("unregister-all-digest.xml", other));

            deployer.undeploy(DEPLOYMENT);
            deployer.deploy(DEPLOYMENT);

            assertNotEquals(0, Sipp.run("register-query-none.xml", phone), "the binding came back");
            assertEquals(0, Sipp.run("register-query-none.xml", other), "an unregistered phone stays unregistered");
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }
}
