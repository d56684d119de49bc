/** Demo traffic: a generator of realistic customer messages so that a first look at Earshot shows a living desk. */
package io.earshot.demo;
