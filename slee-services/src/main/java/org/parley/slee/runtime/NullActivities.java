package org.parley.slee.runtime;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javax.slee.ActivityContextInterface;
import javax.slee.UnrecognizedActivityException;
import javax.slee.nullactivity.NullActivity;
import javax.slee.nullactivity.NullActivityContextInterfaceFactory;
import javax.slee.nullactivity.NullActivityFactory;

import org.parley.slee.ra.ActivityHandle;
import org.parley.slee.ra.UnknownActivityException;

/**
 * Null activities (JSLEE 1.0): activities no adaptor owns, which SBBs create to share state or to hang timers on.
 * One ends when an SBB calls {@link NullActivity#endActivity} and its transaction commits, or by itself once nothing
 * is attached to it, no timer is set on it and no name is bound to it.
 */
final class NullActivities implements NullActivityFactory, NullActivityContextInterfaceFactory {

    private final Slee slee;
    private final AtomicLong ids = new AtomicLong();

    NullActivities(Slee slee) {
        this.slee = slee;
    }

    @Override
    public NullActivity createNullActivity() {
        SleeTransaction tx = SleeTransaction.current();
        NullHandle handle = new NullHandle(ids.incrementAndGet());
        SleeNullActivity activity = new SleeNullActivity(handle);
        ActivityContext activityContext = slee.startActivity(handle, activity, null);
        tx.onRollback(() -> slee.discard(activityContext));
        tx.touch(activityContext);
        return activity;
    }

    @Override
    public ActivityContextInterface getActivityContextInterface(NullActivity activity)
            throws UnrecognizedActivityException {
        Objects.requireNonNull(activity, "activity");
        SleeTransaction.current();
        try {
            return slee.activityContextOf(activity);
        } catch (UnknownActivityException e) {
            throw new UnrecognizedActivityException(e.getMessage(), activity);
        }
    }

    record NullHandle(long id) implements ActivityHandle {
    }

    final class SleeNullActivity implements NullActivity {

        private final NullHandle handle;

        SleeNullActivity(NullHandle handle) {
            this.handle = handle;
        }

        @Override
        public void endActivity() {
            SleeTransaction.current().afterCommit(() -> slee.endActivityIfLive(handle));
        }

        @Override
        public String toString() {
            return "NullActivity[" + handle.id() + "]";
        }
    }
}
