package org.parley.slee.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.parley.media.control.LoadReport;
import org.parley.media.server.MediaServerConfig;
import org.parley.media.server.RtpMediaServer;
import org.parley.acd.SipAccount;
import org.parley.acd.PhonePresence;
import org.parley.acd.SipAccounts;
import org.parley.cdr.CallJournal;
import org.parley.sip.call.ActiveCallRegistry;
import org.parley.sip.call.CallService;
import org.parley.sip.call.CallSettings;
import org.parley.sip.registrar.AddressOfRecord;
import org.parley.sip.registrar.AuthenticationThrottle;
import org.parley.sip.registrar.Binding;
import org.parley.sip.registrar.BindingChange;
import org.parley.sip.registrar.BindingTable;
import org.parley.sip.registrar.CachedDigestSecrets;
import org.parley.sip.registrar.DigestAlgorithm;
import org.parley.sip.registrar.DigestAuthenticator;
import org.parley.sip.registrar.Ha1;
import org.parley.sip.registrar.Registrar;
import org.parley.sip.registrar.RegistrarPolicy;
import org.parley.sip.registrar.RegistrarService;
import org.parley.slee.ra.media.MediaResourceAdaptor;
import org.parley.slee.ra.sip.SipEndpointConfig;
import org.parley.slee.ra.sip.SipListenerProbe;
import org.parley.slee.ra.sip.SipResourceAdaptor;
import org.parley.slee.ra.sip.SleeSipProvider;
import org.parley.slee.runtime.Slee;
import org.parley.time.ExecutorScheduler;

/**
 * Starts the SLEE with the deployment and stops it on undeploy. Translation only: read settings, build executors
 * on WildFly's managed threads, wire the plain-Java pieces, answer the health check.
 *
 * <p>Event delivery runs on a bounded pool made from the {@link ManagedThreadFactory} rather than on the
 * {@code ManagedExecutorService} itself: the SLEE needs an executor that <em>refuses</em> work when full (so SIP
 * answers 503), and WildFly's default managed executor queues without bound. Timers use the managed scheduled
 * executor through the {@code Scheduler} port.
 */
@Startup
@Singleton
// The schema must exist before the registrations are restored from the event log; and on undeploy the SLEE stops
// before the journals its calls and registrations report to, so that what the last calls do is recorded.
@DependsOn({"parley-ejb.jar#SchemaMigration", "parley-ejb.jar#CallJournalBean", "parley-ejb.jar#PhonePresenceBean"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SleeContainer {

    private static final System.Logger LOG = System.getLogger(SleeContainer.class.getName());
    /**
     * Credentials are forgotten when an agent of their tenant changes ({@link SipCredentialsMdb}); the time-to-live
     * only bounds how long a change made in the database behind Parley's back goes unseen. Unknown names live 5 s.
     */
    private static final Duration SECRETS_TTL = Duration.ofMinutes(5);
    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(5);
    /** Bindings past their expiry are removed this often (lookups already ignore them meanwhile). */
    private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    @Resource
    private ManagedThreadFactory threadFactory;

    @Resource
    private ManagedScheduledExecutorService scheduledExecutor;

    @EJB
    private SipAccounts accounts;

    @EJB
    private CallJournal callJournal;

    @EJB
    private PhonePresence presence;

    private final ActiveCallRegistry activeCalls = new ActiveCallRegistry();

    private volatile SleeSettings settings;
    private volatile Slee slee;
    private volatile SipResourceAdaptor sip;
    private volatile RtpMediaServer media;
    private volatile CachedDigestSecrets secrets;
    private volatile String startFailure;
    private volatile String mediaFailure;
    private ThreadPoolExecutor events;
    private ThreadPoolExecutor lookups;
    private ScheduledFuture<?> expirySweep;

    @PostConstruct
    void start() {
        settings = SleeSettings.from(ConfigProvider.getConfig());
        Clock clock = Clock.systemUTC();
        events = new ThreadPoolExecutor(settings.eventThreads(), settings.eventThreads(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(settings.eventQueue()), threadFactory, new ThreadPoolExecutor.AbortPolicy());
        // Credential lookups are JDBC: their own small pool, bounded so a slow database sheds load as 503s.
        lookups = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1_000), threadFactory,
                new ThreadPoolExecutor.AbortPolicy());
        CachedDigestSecrets secrets = new CachedDigestSecrets(clock, SECRETS_TTL, UNKNOWN_TTL, lookups,
                this::storedSecrets);
        this.secrets = secrets;
        byte[] nonceKey = new byte[32];
        new SecureRandom().nextBytes(nonceKey);
        BindingTable bindings = new BindingTable(clock, RegistrarPolicy.DEFAULT,
                (aor, changes, stillBound) -> reportRegistration(aor, changes, stillBound, clock.instant()));
        restoreBindings(bindings, clock.instant());
        Registrar registrar = new Registrar(RegistrarPolicy.DEFAULT, bindings,
                new DigestAuthenticator(clock, Registrar.NONCE_LIFETIME, nonceKey, secrets, settings.digestAlgorithms()),
                secrets, new AuthenticationThrottle(clock, AuthenticationThrottle.Policy.DEFAULT));
        slee = Slee.builder(events, clock, new ExecutorScheduler(scheduledExecutor, clock)).build();
        slee.bindEnvironment(Registrar.ENVIRONMENT_NAME, registrar);
        slee.install(RegistrarService.definition());
        startMedia(clock);
        CallService.deploy(slee, new CallSettings(settings.noAnswerTimeout()),
                new CallReporting(activeCalls, callJournal));
        expirySweep = scheduledExecutor.scheduleAtFixedRate(bindings::expire, EXPIRY_SWEEP.toSeconds(),
                EXPIRY_SWEEP.toSeconds(), TimeUnit.SECONDS);
        SipResourceAdaptor adaptor = new SipResourceAdaptor(SipEndpointConfig.of(settings.sipAddress(),
                settings.sipPort()).withAdvertisedAddress(settings.sipAdvertised()));
        try {
            slee.addResourceAdaptor(SipResourceAdaptor.ENTITY_NAME, adaptor);
            sip = adaptor;
        } catch (IllegalStateException e) {
            // The rest of Parley (portal, API, chat) stays useful; the sip health check reports why calls cannot.
            startFailure = "SIP could not bind " + settings.sipAddress() + ":" + settings.sipPort();
            LOG.log(System.Logger.Level.ERROR, startFailure, e);
        }
    }

    /**
     * The bundled media server on WildFly's managed threads, and its resource adaptor. Without it Parley still
     * registers phones and serves the portal; calls answer 503 and the media health check says why.
     */
    private void startMedia(Clock clock) {
        try {
            RtpMediaServer server = RtpMediaServer.start(MediaServerConfig.fromSystemProperties(), clock,
                    threadFactory);
            try {
                slee.addResourceAdaptor(MediaResourceAdaptor.ENTITY_NAME, new MediaResourceAdaptor(server));
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            media = server;
        } catch (IOException | RuntimeException e) {
            mediaFailure = "media server could not start: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, mediaFailure, e);
        }
    }

    @PreDestroy
    void stop() {
        if (expirySweep != null) {
            expirySweep.cancel(false);
        }
        // Media first, so SBBs still get their endpoints' activity ends while the SLEE runs.
        RtpMediaServer server = media;
        if (server != null) {
            server.close();
        }
        if (slee != null) {
            slee.stop();
        }
        if (events != null) {
            events.shutdown();
        }
        if (lookups != null) {
            lookups.shutdown();
        }
    }

    /** A tenant's agents changed: the credentials of its realm are read from the database again on next use. */
    public void agentsChanged(String realm) {
        CachedDigestSecrets cache = secrets;
        if (cache != null) {
            cache.forgetRealm(realm);
        }
    }

    /** Null when SIP answers on its address and port, else why not. */
    public String sipProblem() {
        if (startFailure != null) {
            return startFailure;
        }
        SipResourceAdaptor adaptor = sip;
        if (adaptor == null || !((SleeSipProvider) adaptor.sbbInterface()).isListening()) {
            return "SIP stack not running";
        }
        return SipListenerProbe.problem(settings.sipAddress(), settings.sipPort(), PROBE_TIMEOUT);
    }

    public ActiveCallRegistry activeCalls() {
        return activeCalls;
    }

    /** The media server's load, or empty with {@link #mediaProblem()} saying why there is none. */
    public Optional<LoadReport> mediaLoad() {
        RtpMediaServer server = media;
        return server == null ? Optional.empty() : Optional.of(server.load());
    }

    public String mediaProblem() {
        return mediaFailure != null ? mediaFailure : media == null ? "media server not started" : null;
    }

    public String sipEndpoint() {
        SleeSettings current = settings;
        return current == null ? "not started" : current.sipAddress() + ":" + current.sipPort() + " udp+tcp";
    }

    /**
     * Puts back the bindings the previous run held, from the registration events in the log, so a phone that
     * registered before a redeploy can be called before its next refresh. A failure leaves the table empty: phones
     * are found again as they refresh.
     */
    private void restoreBindings(BindingTable bindings, Instant now) {
        try {
            List<PhonePresence.KnownBinding> known = presence.lastKnownBindings(
                    now.minus(RegistrarPolicy.DEFAULT.maxExpires()), now);
            for (PhonePresence.KnownBinding b : known) {
                bindings.restore(AddressOfRecord.of(b.extension(), b.sipDomain()),
                        new Binding(b.contact(), b.expiresAt(), b.callId(), b.cseq(), b.source()));
            }
            LOG.log(System.Logger.Level.INFO, known.size() + " registration(s) restored from the event log");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "registrations could not be restored; phones reappear as they"
                    + " refresh", e);
        }
    }

    /** Hands registration changes to the ACD side, by extension and tenant SIP domain. */
    private void reportRegistration(String addressOfRecord, List<BindingChange> changes, boolean stillBound,
            Instant at) {
        presence.changed(AddressOfRecord.domain(addressOfRecord), AddressOfRecord.user(addressOfRecord),
                changes.stream()
                .map(c -> new PhonePresence.ContactChange(c.kind().name(), c.binding().contact(),
                        c.binding().expiresAt(), c.binding().callId(), c.binding().cseq(), c.binding().source()))
                .toList(), stillBound, at);
    }

    /** Runs on the lookup pool, never on a SLEE event thread: this is a database query. */
    private List<Ha1> storedSecrets(String realm, String username) {
        return accounts.find(realm, username).map(SleeContainer::ha1Values).orElse(List.of());
    }

    private static List<Ha1> ha1Values(SipAccount account) {
        List<Ha1> values = new ArrayList<>(2);
        if (account.credentials().ha1Sha256() != null) {
            values.add(new Ha1(DigestAlgorithm.SHA_256, account.credentials().ha1Sha256()));
        }
        if (account.credentials().ha1Md5() != null) {
            values.add(new Ha1(DigestAlgorithm.MD5, account.credentials().ha1Md5()));
        }
        return values;
    }
}
