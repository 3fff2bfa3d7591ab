package org.parley.sip.registrar;

/** One change to the table, as the events topic reports it (the ACD learns from these which agents are reachable). */
public record BindingChange(Kind kind, String addressOfRecord, Binding binding) {

    public enum Kind { REGISTERED, REFRESHED, UNREGISTERED, EXPIRED }
}
