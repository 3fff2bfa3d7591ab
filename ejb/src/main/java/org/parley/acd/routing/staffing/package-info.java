/**
 * Staffing with Erlang C: probability of waiting, service level, average speed of answer and the agents a target
 * service level needs, from an arrival rate and an average handle time, plus shrinkage.
 */
package org.parley.acd.routing.staffing;
