package io.earshot.followup.internal;

import io.earshot.classify.SignalClassifier;
import io.earshot.followup.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the promises in a Spanish agent reply with hand-written rules, in the design of {@link EnglishPromiseFinder}:
 * sentences, questions skipped, offers that wait on the customer skipped, committing clauses (a future tense of
 * ours: "revisaremos", "te llamaré", "nuestro equipo se pondrá en contacto"; "vamos a …"; "recibirás …"; a present
 * with a time: "te llamamos mañana"), their kinds by verb or noun, and their times read by {@link SpanishTimes}
 * into the same date rules as English. Negated, hedged, generic and conditional clauses are dropped. One promise
 * per kind per reply, the firmest. Rules and measured quality: docs/models/commitments.md. Pure and thread-safe.
 */
public final class SpanishPromiseFinder implements PromiseFinder {

    private static final String CLITICS = "(?:(?:te|le|les|lo|la|los|las|se|nos|os|me)\\s+){0,2}";
    /** Futures of ours and of third parties, with accents as typed. */
    private static final Pattern FUTURE = Pattern.compile("(?iu)\\b" + CLITICS + "(?:\\p{L}+(?:aré|eré|iré|aremos|eremos|iremos|ará|erá|irá"
            + "|arán|erán|irán)|haré|haremos|hará|harán|tendré|tendremos|tendrá|tendrán|pondré|pondremos|pondrá|pondrán|diré|diremos|dirá"
            + "|vendré|vendremos|vendrá|vendrán|saldrá|saldrán|mantendré|mantendremos|mantendrá|mantendrán|obtendrás|obtendrá|dispondrás"
            + "|dispondrá|sabrás|sabrá)\\b");
    /** The same, typed without accents: the first person plural, and a few verbs of the trade. */
    private static final Pattern FUTURE_PLAIN = Pattern.compile("\\b" + CLITICS + "(?:(?!queremos\\b|esperemos\\b|podremos\\b|debieremos\\b)"
            + "\\p{L}{2,}(?:aremos|eremos|iremos)|tendremos|pondremos|mantendremos|mantendre|mantendra|(?:llam|envi|revis|escrib|avis|reembols|devolv|soluciona|contact"
            + "|comprob|gestion|tramit|verific|inform|investig|consult|escal|pas|traslad|confirm|mand|arregl|proces|reflej|resolv)"
            + "(?:are|ere|ire|ara|era|ira|aran|eran|iran)|pondra|llegara|llegaran)\\b");
    private static final Pattern GOING_TO = Pattern.compile("\\b" + CLITICS + "(?:voy|vamos|va|van) a (?:\\p{L}+ )?\\p{L}+(?:ar|er|ir)"
            + "(?:lo|la|le|te|se|les|los|las|nos)*\\b");
    private static final Pattern CUSTOMER = Pattern.compile("\\b(?:recibiras|recibira|recibiran|te llegara|le llegara|te llegaran"
            + "|le llegaran|tendras noticias|tendra noticias|sabras de nosotros|sabra de nosotros|veras (?:el|la|tu|reflejad\\w*))\\b");
    /** A present tense that promises when it names a time: "te llamamos mañana", "te lo enviamos hoy". */
    private static final String SINGULAR = "llamo|escribo|aviso|envio|mando|contacto|respondo|contesto|devuelvo|reembolso|soluciono|arreglo"
            + "|reviso|paso|escalo|derivo|traslado|gestiono|tramito|cancelo|desbloqueo|reactivo|reseteo|comparto|repongo";
    private static final String NOT_PRESENT = "(?!(?:sepamos|tengamos|podamos|recibamos|hayamos|estemos|seamos|proximos|ultimos|minimos|maximos|mismos|primos|optimos|intimos|animos|legitimos|estimos|remos|extremos|supremos|estamos|tenemos|queremos|sentimos|lamentamos|agradecemos|podemos|hemos|sabemos|vemos"
            + "|entendemos|necesitamos|esperamos|recomendamos|pedimos|seguimos|somos|vamos|confirmamos|informamos|comentamos"
            + "|recordamos|rogamos|invitamos|sugerimos|creemos|pensamos|quedamos|estuvimos|tuvimos|hicimos|dijimos|pusimos|vimos"
            + "|recibimos|trabajamos|ofrecemos|permitimos|aceptamos|llevamos|encantamos|alegramos|disculpamos|damos)\\b)";
    /** A present tense that promises when it names a time: "te llamamos mañana", "mañana desbloqueamos tu cuenta". */
    private static final Pattern PRESENT = Pattern.compile("\\b(?:(?:te|le|les|os|lo|la|los|las|se)(?: lo| la| los| las)? )?" + NOT_PRESENT
            + "\\p{L}{3,}(?:amos|emos|imos)\\b|\\b(?:(?:te|le|lo|la|se)(?: lo| la)? |(?<!\\b(?:el|un|al|su|tu|mi|de|del|este|ese|primer) ))(?:" + SINGULAR + ")\\b"
            + "|\\b(?:te|le) (?:llega|llegan)\\b|\\b(?:sale|salen|pasa|pasan) (?:a \\p{L}+r(?:te|le)?\\b)?");
    /** The act of writing itself, not a promise: "te confirmo que …", "te escribo para …". */
    private static final Pattern SPEECH_ACT = Pattern.compile("^(?:(?:te|le|les|os) )?(?:(?:confirmo|confirmamos|informo|informamos|comunico"
            + "|comunicamos|comento|comentamos|cuento|contamos|recuerdo|recordamos|aviso de|avisamos de) que|(?:escribo|escribimos) para)\\b");
    /** Past words: "te llamamos ayer" is not a promise. */
    private static final Pattern PAST = Pattern.compile("\\b(?:ayer|anoche|anteayer|la semana pasada|el mes pasado|hace (?:un|una|\\d+|unos|unas) )");
    /** Words inside a time clause say when, not what: "te llamamos en cuanto ella lo revise". */
    private static final Pattern TIME_CLAUSE = Pattern.compile("\\b(?:en cuanto|cuando|tan pronto como|apenas|una vez que|hasta que)\\b[^,;.]*");
    /** A time that is no date but still firm: "en breve", "en cuanto lo tengamos", "cuando salga". */
    private static final Pattern VAGUE = Pattern.compile("\\b(?:en breve|enseguida|pronto|cuanto antes|lo antes posible|ahora mismo|ya mismo"
            + "|en cuanto|tan pronto como|apenas|cuando|sin falta|mientras tanto|un dia antes|antes de (?:la|su|tu) (?:visita|entrega|cita)"
            + "|al tanto|informad[oa]s?)\\b");
    /** Kinds a present tense promises even with no time: money, a fix, goods, a call, a hand-off ("te devolvemos los gastos"). */
    private static final Pattern STRONG_WITHOUT_TIME = Pattern.compile("^(?:te|le|les|os|lo|la|se)\\b");

    private static final Pattern NEGATED = Pattern.compile("\\b(?:no|nunca|jamas|tampoco)\\s+(?:\\p{L}+\\s+){0,2}$");
    private static final Pattern NOT_A_PROMISE = Pattern.compile("^\\s*" + CLITICS + "(?:estaremos|estare|seguiremos|seguire|quedamos|quedaremos"
            + "|necesitaremos|necesitare|tendremos que|tendre que|tendras que|tendra que|deberas|debera|necesitaras|podras|podra|podremos|podre"
            + "|haremos (?:todo )?lo (?:posible|que podamos|que este en nuestras manos)|sera un (?:placer|gusto)|habra)\\b");
    private static final Pattern HEDGE = Pattern.compile("\\b(?:quiza|quizas|tal vez|puede que|a lo mejor|posiblemente|probablemente|ojala"
            + "|intent\\w*|trat\\w* de|procur\\w*|esperamos|espero|esperemos|no (?:podemos|puedo|podremos) (?:garantizar|prometer|asegurar)"
            + "|no garantiz\\w*|sin garantia)\\b");
    private static final Pattern CUSTOMER_CONDITION = Pattern.compile("\\b(?:si|cuando|una vez que|en cuanto|apenas|tan pronto como|despues de que"
            + "|en el momento en que)\\s+(?:tu |usted |ya )?(?:nos|me)\\s+\\p{L}+|\\bsi (?:tu|usted|lo deseas|lo desea|quieres|quiere|prefieres"
            + "|prefiere|gustas|necesitas|necesita|nos|me)\\b|\\b(?:si|cuando|una vez que|una vez|en cuanto|apenas|tan pronto como|despues de que)"
            + "\\s+(?:tu |usted )?(?:lo |la |nos |me )?(?!(?:tengamos|sepamos|recibamos|hayamos|podamos|tenga|sepa|reciba|pueda|haya|este|salga)\\b)"
            + "\\p{L}{3,}(?:es|as)\\b");
    private static final Pattern JOINED = Pattern.compile("(?:\\by|\\be|,|&)\\s*$");
    private static final Pattern AND = Pattern.compile("^\\s*,?\\s*(?:y|e)\\b");

    private record Rule(String kind, Pattern pattern) {
    }

    private static Rule rule(String kind, String regex) {
        return new Rule(kind, Pattern.compile("\\b(?:" + regex + ")\\b"));
    }

    private static final List<Rule> VERBS = List.of(
            rule(FoundPromise.CALLBACK, "llam(?:are|aremos|amos|ara|aran|ar|ada|andote|arte|arle|o)|telefonea\\w*|devolver(?:te|le)? la llamada"),
            rule(FoundPromise.REFUND, "ingres(?:amos|aremos|are|o|ara|aran)|reembols\\w*|abon\\w*|aplicar\\w* (?:el|un|una) (?:descuento|bonificacion|credito)|(?:te|le) (?:devolvemos|devolveremos|devuelvo|reponemos|repondremos) (?:el|la|los|las|tu|su)"
                    + " (?:dinero|importe|deposito|saldo|gastos|costo|coste|cargo|cobro|pago|suscripcion|cuota)|reintegr\\w*|compens\\w*|devolver(?:te|le)?(?:mos)? (?:el|tu|su) (?:dinero|importe|cobro|pago)"
                    + "|devolv\\w* (?:el|tu|su) (?:dinero|importe|cobro|pago)|(?:el|tu|su) (?:dinero|importe|reembolso|abono)"),
            rule(FoundPromise.FIX, "repon\\w* (?:el|la|tu|su) (?:linea|servicio|conexion|suministro|luz|agua|gas)|reseteo|resetea\\w*|reinici\\w*|instal\\w*|(?:un|el|nuestro) tecnico (?:pasa|acud|vendr|ir)\\w*|acudira|soluciona\\w*|arregl\\w*|repar\\w*|resolv\\w*|resuelt\\w*|correg\\w*|corrij\\w*|restablec\\w*|restaur(?!ante)\\w*|reactiv\\w*"
                    + "|desbloque\\w*|(?:un|el|nuestro) tecnico"),
            rule(FoundPromise.SHIP, "entreg\\w*|despach\\w*|repon\\w*(?! (?:el|la|los|las|tu|su) (?:dinero|importe|saldo|deposito|gastos|costo|cargo"
                    + "|linea|servicio|conexion|suministro|luz|agua|gas))|reemplaz\\w*|sustitu\\w*|llegara|llegaran"),
            rule(FoundPromise.OTHER, "escal\\w*|traslad\\w*|deriv\\w*|recoj\\w*|(?:pas|escal|deriv)\\w* (?:\\p{L}+ ){0,3}?(?:a|al) (?:mi|nuestro|nuestra|el|la|los)"
                    + " (?:equipo|supervisor\\w*|departamento|area|responsable|companer\\w*|tienda|gerencia)"
                    + "|(?:pasar|pasaremos|pasare|comunicar|comunicaremos|hacer llegar|haremos llegar|hare llegar|reenviar|reenviaremos|compartir"
                    + "|compartiremos|trasladar|trasladaremos|enviar|enviaremos)"
                    + " (?:tu|su|el|la|este|esta|tus|sus) (?:comentario|sugerencia|queja|caso|opinion|feedback|peticion|solicitud)s?"
                    + "|tom\\w* nota|tendremos en cuenta|tendre en cuenta|cancel\\w*|anul\\w*|proces\\w* (?:tu|su|el|la) (?:cambio|solicitud|baja|alta|peticion|tramite)|recog\\w*|dar\\w* de baja|darte de baja"),
            rule(FoundPromise.UPDATE, "revis\\w*|investig\\w*|comprob\\w*|verific\\w*|analiz\\w*|consult\\w*|mir(?:aremos|are|amos|ar)"
                    + "|escribi\\w*|escribire\\w*|escribimos|escribo|manten\\w* al tanto|(?:te|le) (?:contamos|contaremos|cuento|contare)|contact\\w*|avis\\w*|inform\\w*|respond\\w*|contest\\w*|manten\\w* informad\\w*"
                    + "|actualiz\\w*|pondremos en contacto|pondra en contacto|pondre en contacto|pondran en contacto|seguimiento|novedades"
                    + "|noticias|(?:una )?respuesta|(?:un|una) (?:correo|email|e-mail|mail|mensaje|actualizacion)"));
    private static final Pattern SEND = Pattern.compile("\\b(?:re)?(?:envi|mand|compart)(?:are|aremos|amos|ara|aran|ar|o|imos|ire|iremos|ir)"
            + "(?:te|le|les|telo|selo)?\\b|\\b(?:te|le) (?:llega|llegan|llegara|llegaran)\\b");
    private static final Rule MONEY = rule(FoundPromise.REFUND, "(?<!sin )(?:costo|coste|cargo)|compensacion|indemnizacion|bonificacion|reembolso|dinero|importe|abono|pago|transferencia|credito|cupon|vale|bono"
            + "|saldo|deposito|descuento|gastos|\\d+ ?(?:€|euros|pesos|dolares)|€ ?\\d+|\\$ ?\\d+");
    private static final Rule NEWS = rule(FoundPromise.UPDATE, "correo|email|e-mail|mail|mensaje|respuesta|actualizacion|confirmacion|enlace|link"
            + "|informacion|noticias|codigo|factura|numero de seguimiento|seguimiento|detalles|datos|etiqueta|presupuesto|guia|documentacion"
            + "|sms|whatsapp|dm|fecha|propuesta|resumen");
    private static final Rule CALL = rule(FoundPromise.CALLBACK, "llamada");
    private static final Rule GOODS = rule(FoundPromise.SHIP, "pedido|paquete|producto|reemplazo|tarjeta|repuesto|articulo|envio|dispositivo"
            + "|sim|router|modem|unidad|nuevo|nueva|regalo|modelo|libro|compra");
    private static final List<Rule> NOUNS = List.of(MONEY, CALL, NEWS, GOODS);
    private static final Pattern EVERY = Pattern.compile("\\b(?:cada (" + "un par de|dos|tres|cuatro|seis|doce|24|\\d{1,2}" + ")? ?(horas?|dias?|minutos?)"
            + "|a diario|diariamente)\\b");

    private enum Who { OURS, CUSTOMER, PRESENT }

    private record Trigger(Who who, int start, int end) {
    }

    public SpanishPromiseFinder() {
    }

    @Override
    public String language() {
        return "es";
    }

    @Override
    public List<FoundPromise> find(String text, Instant saidAt, BusinessCalendar calendar, Duration soon) {
        Objects.requireNonNull(saidAt, "saidAt");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(soon, "soon");
        if (text == null || text.isBlank() || !SignalClassifier.mayBeForeign(text)) {
            return List.of();
        }
        Instant byDefault = calendar.plusBusinessTime(saidAt, soon);
        Map<String, FoundPromise> byKind = new LinkedHashMap<>();
        List<String> sentences = EnglishText.sentences(text);
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (Offers.afterRequest(sentences, i, SpanishPromiseFinder::asks) || SpanishText.isQuestion(sentence)) {
                continue;
            }
            EnglishTimes.Due before = null;
            for (Clause c : clauses(sentence, saidAt, calendar)) {
                if (c.due() == null && Offers.beforeRequest(sentences, i, c.kind(), SpanishPromiseFinder::asks)) {
                    continue; // a stated time is a commitment whatever follows; without one, it waits on the answer
                }
                EnglishTimes.Due due = c.due();
                if (due == null && before != null && SpanishTimes.refersBack(c.text())) {
                    due = before;
                }
                if (due != null) {
                    before = due;
                }
                Duration every = cadence(c.text());
                FoundPromise found;
                if (every != null && due == null) {
                    found = new FoundPromise(c.kind(), sentence, saidAt.plus(every), SpanishText.asWritten(sentence, cadencePhrase(c.text())),
                            null, every);
                } else if (due == null) {
                    found = new FoundPromise(c.kind(), sentence, byDefault, null, null, every);
                } else {
                    found = new FoundPromise(c.kind(), sentence, due.at(), SpanishText.asWritten(sentence, due.phrase()), due.doubt(), every);
                }
                byKind.merge(c.kind(), found, FoundPromise::firmer);
            }
        }
        return new ArrayList<>(byKind.values());
    }

    @Override
    public boolean mayPromise(String text) {
        // Spanish has accents or function words ("de", "que", "te") in any sentence: most English replies end here, cheaply
        if (text == null || text.isBlank() || !SignalClassifier.mayBeForeign(text)) {
            return false;
        }
        Instant any = Instant.EPOCH;
        List<String> sentences = EnglishText.sentences(text);
        for (int i = 0; i < sentences.size(); i++) {
            if (Offers.afterRequest(sentences, i, SpanishPromiseFinder::asks) || SpanishText.isQuestion(sentences.get(i))) {
                continue;
            }
            for (Clause c : clauses(sentences.get(i), any, BusinessCalendar.DEFAULT)) {
                if (c.due() != null || !Offers.beforeRequest(sentences, i, c.kind(), SpanishPromiseFinder::asks)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One committing clause: its kind, its folded words and its time (null: none named). */
    private record Clause(String kind, String text, EnglishTimes.Due due) {
    }

    private static List<Clause> clauses(String sentence, Instant said, BusinessCalendar cal) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        String folded = SpanishText.fold(sentence);
        List<Trigger> triggers = triggers(lower, folded);
        int n = triggers.size();
        // each clause runs from its trigger to where the next one's subject starts ("… y el técnico acudirá")
        int[] ends = new int[n];
        int[] subjects = new int[n];
        for (int i = 0; i < n; i++) {
            int next = i + 1 < n ? triggers.get(i + 1).start() : folded.length();
            ends[i] = i + 1 < n ? breakBefore(folded, triggers.get(i).end(), next) : next;
            subjects[i] = i == 0 ? 0 : ends[i - 1];
        }
        EnglishTimes.Due[] times = new EnglishTimes.Due[n];
        List<List<String>> kinds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Trigger t = triggers.get(i);
            String head = folded.substring(0, t.start());
            String subject = folded.substring(Math.min(subjects[i], t.start()), t.start());
            String clause = folded.substring(t.start(), ends[i]);
            EnglishTimes.Due due = SpanishTimes.earliest(subject + clause, said, cal);
            if (due == null && i == 0 && !head.contains(" y ")) {
                due = SpanishTimes.earliest(head, said, cal); // "Mañana te llamamos"
            }
            List<String> k = committing(t, head, clause) ? kinds(t, clause, subject, head) : List.of();
            if (t.who() == Who.PRESENT && !k.isEmpty() && (RELATIVE.matcher(head).find() || PAST.matcher(clause).find()
                    || !presentPromises(head + clause, clause, due, k))) {
                k = List.of(); // "te escribimos siempre que hay novedades" is a habit, "te confirmo que …" the act of writing
            }
            times[i] = due;
            kinds.add(k);
        }
        // verbs joined by "y" share a time: "revisaremos tu caso y te escribiremos en 24 horas"
        for (int i = n - 2; i >= 0; i--) {
            String joint = folded.substring(ends[i], triggers.get(i + 1).start());
            if (times[i] == null && times[i + 1] != null && AND.matcher(joint).find()) {
                times[i] = times[i + 1];
            }
        }
        List<Clause> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (String kind : kinds.get(i)) {
                out.add(new Clause(kind, folded.substring(triggers.get(i).start(), ends[i]), times[i]));
            }
        }
        return out;
    }

    /** Where the text between two triggers breaks, so the second's subject starts: the last " y ", comma or " pero ". */
    private static int breakBefore(String folded, int from, int to) {
        String gap = folded.substring(from, to);
        int cut = Math.max(Math.max(gap.lastIndexOf(" y "), gap.lastIndexOf(", ")), Math.max(gap.lastIndexOf(" pero "), gap.lastIndexOf("; ")));
        return cut < 0 ? to : from + cut;
    }

    /**
     * Whether a present tense promises: with a time ("te llamamos mañana") or a firm vague one ("en breve", "en
     * cuanto lo tengamos"), or, for money, a fix, goods, a call or a hand-off, said to the customer ("te devolvemos
     * los gastos"); never the act of writing itself ("te confirmo que …").
     */
    private static boolean presentPromises(String context, String clause, EnglishTimes.Due due, List<String> kinds) {
        if (due != null || VAGUE.matcher(context).find()) {
            return true;
        }
        return STRONG_WITHOUT_TIME.matcher(clause).find() && !kinds.contains(FoundPromise.UPDATE);
    }

    /**
     * The triggers of a sentence, at their positions in the folded text. Accented futures are found in the lower-case
     * text and mapped across: folding keeps positions, since it only drops combining marks after splitting letters
     * that were already precomposed (é is one char in both when NFC; see {@link #position}).
     */
    private static List<Trigger> triggers(String lower, String folded) {
        List<Trigger> all = new ArrayList<>();
        Matcher m = FUTURE.matcher(lower);
        while (m.find()) {
            int at = position(folded, SpanishText.fold(lower.substring(0, m.start())), SpanishText.fold(m.group()));
            if (at >= 0) {
                all.add(new Trigger(Who.OURS, at, at + SpanishText.fold(m.group()).length()));
            }
        }
        collect(all, Who.OURS, FUTURE_PLAIN, folded);
        collect(all, Who.OURS, GOING_TO, folded);
        collect(all, Who.CUSTOMER, CUSTOMER, folded);
        collect(all, Who.PRESENT, PRESENT, folded);
        all.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        List<Trigger> kept = new ArrayList<>();
        for (Trigger t : all) {
            if ((kept.isEmpty() || t.start() >= kept.get(kept.size() - 1).end()) && !SPEECH_ACT.matcher(folded.substring(t.start())).find()) {
                kept.add(t); // "te confirmo que …" is the act of writing: its words lead into the promise after it
            }
        }
        return kept;
    }

    /** Where {@code word} starts in {@code folded}, searching from about where the folded prefix ends. */
    private static int position(String folded, String prefix, String word) {
        int from = Math.max(0, prefix.length() - 2);
        int at = folded.indexOf(word, from);
        return at >= 0 ? at : folded.indexOf(word);
    }

    private static void collect(List<Trigger> all, Who who, Pattern p, String s) {
        Matcher m = p.matcher(s);
        while (m.find()) {
            all.add(new Trigger(who, m.start(), m.end()));
        }
    }

    private static boolean committing(Trigger t, String head, String clause) {
        String local = head.substring(Math.max(0, Math.max(head.lastIndexOf(" pero "), head.lastIndexOf(';'))));
        if (NOT_A_PROMISE.matcher(clause).find() || NEGATED.matcher(head).find()) {
            return false;
        }
        if (HEDGE.matcher(local).find() || HEDGE.matcher(clause).find()) {
            return false;
        }
        if (CUSTOMER_CONDITION.matcher(local).find() || CUSTOMER_CONDITION.matcher(clause).find()) {
            return false;
        }
        return !SpanishText.asksCustomer(local); // "envíanos un DM y lo solucionamos", "puedes dejarla aquí y el equipo la revisará"
    }

    /**
     * The kinds a clause names by its verbs, else by its nouns, else by the nouns of its subject (the words before
     * the verb: "el reembolso se verá reflejado …" is a refund). What the customer will receive is read by its nouns
     * only ("recibirás la factura corregida" is news). Money arriving is a refund whatever the verb.
     */
    private static List<String> kinds(Trigger t, String clause, String subject, String head) {
        if (t.who() == Who.CUSTOMER) {
            String byNoun = byNouns(clause.substring(Math.min(clause.length(), t.end() - t.start())));
            return byNoun == null ? List.of() : List.of(byNoun);
        }
        List<String> byVerb = new ArrayList<>(byVerbs(clause));
        if (!byVerb.isEmpty()) {
            if (byVerb.contains(FoundPromise.SHIP) && ARRIVES.matcher(clause).find()
                    && (FoundPromise.REFUND.equals(byNouns(subject)) || FoundPromise.REFUND.equals(byNouns(head)))) {
                byVerb.set(byVerb.indexOf(FoundPromise.SHIP), FoundPromise.REFUND);
            }
            if (byVerb.contains(FoundPromise.UPDATE) && BY_PHONE.matcher(clause).find() && !byVerb.contains(FoundPromise.CALLBACK)) {
                byVerb.set(byVerb.indexOf(FoundPromise.UPDATE), FoundPromise.CALLBACK);
            }
            return byVerb.stream().distinct().toList();
        }
        String byNoun = byNouns(clause);
        if (byNoun == null) {
            byNoun = byNouns(subject);
        }
        return byNoun == null ? List.of() : List.of(byNoun);
    }

    private static final Pattern ARRIVES = Pattern.compile("\\b(?:llega|llegan|llegara|llegaran|vera reflejad\\w*|aparecera|ingresara)\\b");
    private static final Pattern BY_PHONE = Pattern.compile("\\b(?:por telefono|telefonicamente|una llamada)\\b");

    /**
     * Whether a kind word is a noun or an adjective here, not a verb: after an article ("la reparación", "de
     * entrega", "el envío"), or a participle with no auxiliary ("la factura corregida").
     */
    private static boolean asNoun(String clause, Matcher m) {
        String word = m.group();
        if (word.matches("(?:el|la|los|las|un|una|tu|su|nuestro|te|le) .*")) {
            return false; // the rule names the article itself: "el reembolso", "un técnico"
        }
        if (word.matches("\\p{L}+(?:cion|ciones|miento|mientos)")) {
            return true; // "la próxima actualización"
        }
        String before = clause.substring(0, m.start());
        if (ARTICLE.matcher(before).find() && !ONLY_CLITICS.matcher(before).matches()) {
            return true;
        }
        return word.matches("\\p{L}+(?:ado|ada|ido|ida|ados|adas|idos|idas)") && !AUXILIARY.matcher(before).find();
    }

    private static final Pattern ONLY_CLITICS = Pattern.compile("^\\s*(?:(?:te|le|les|lo|la|los|las|se|nos|os|me)\\s+)+$");
    private static final Pattern AUXILIARY = Pattern.compile("\\b(?:sera|seran|queda|quedara|quedaran|estara|estaran|sido|habra|habremos|hemos)\\s+$");
    /** A person sent: "te mandamos un técnico" is a fix. */
    private static final Pattern PERSON = Pattern.compile("^\\s*(?:a )?(?:un|una|el|nuestro) (?:tecnico|especialista|instalador|operario)\\b");

    /** The kind of the first noun that names one: "el enlace de pago" is news. */
    private static String firstNoun(String text) {
        int best = Integer.MAX_VALUE;
        String kind = null;
        for (Rule r : NOUNS) {
            Matcher m = r.pattern().matcher(text);
            if (m.find() && m.start() < best) {
                best = m.start();
                kind = r.kind();
            }
        }
        return kind;
    }

    /** Before a word that is a noun, not a verb: "la reparación", "de entrega", "el envío". */
    private static final Pattern ARTICLE = Pattern.compile("\\b(?:el|la|los|las|un|una|del|de|al|tu|su|sus|tus|mi|mis|esta|este|nuestro|nuestra)\\s+$");
    /** A purpose after the promise: "te llamaremos para confirmar la cita" is a callback only. */
    private static final Pattern PURPOSE = Pattern.compile("\\bpara (?:que )?");

    private static List<String> byVerbs(String text) {
        String clause = blank(text, TIME_CLAUSE);
        Map<Integer, String> at = new TreeMap<>();
        for (Rule r : VERBS) {
            Matcher m = r.pattern().matcher(clause);
            while (m.find()) {
                if (!asNoun(clause, m)) {
                    at.putIfAbsent(m.start(), r.kind());
                }
            }
        }

        Matcher m = SEND.matcher(clause);
        while (m.find()) {
            if (asNoun(clause, m)) {
                continue;
            }
            String rest = clause.substring(m.end());
            int stop = rest.indexOf(" y ");
            String object = stop < 0 ? rest : rest.substring(0, stop);
            String byNoun = PERSON.matcher(object).find() ? FoundPromise.FIX : firstNoun(object);
            at.putIfAbsent(m.start(), byNoun == null || byNoun.equals(FoundPromise.CALLBACK) ? FoundPromise.SHIP : byNoun);
        }
        Matcher p = PURPOSE.matcher(clause);
        if (p.find()) {
            int purpose = p.start();
            if (at.keySet().stream().anyMatch(k -> k < purpose)) {
                at.keySet().removeIf(k -> k > purpose);
            }
        }
        List<String> kinds = new ArrayList<>();
        at.values().forEach(k -> {
            if (!kinds.contains(k)) {
                kinds.add(k);
            }
        });
        return kinds;
    }

    private static String byNouns(String text) {
        for (Rule r : NOUNS) {
            if (r.pattern().matcher(text).find()) {
                return r.kind();
            }
        }
        return null;
    }

    /** The text with every match of {@code p} blanked, so positions stay. */
    private static String blank(String text, Pattern p) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                b.setCharAt(i, ' ');
            }
        }
        return b.toString();
    }

    /** A relative clause before a present tense: "el enlace que te enviamos" describes, it does not promise. */
    private static final Pattern RELATIVE = Pattern.compile("\\bque\\s+$");

    /** "cada 2 horas", "cada hora", "a diario": how often a recurring promise comes round, or null. */
    private static Duration cadence(String folded) {
        Matcher m = EVERY.matcher(folded);
        if (!m.find()) {
            return null;
        }
        if (m.group(2) == null) {
            return Duration.ofDays(1);
        }
        String n = m.group(1) == null ? "1" : switch (m.group(1)) {
            case "un par de", "dos" -> "2";
            case "tres" -> "3";
            case "cuatro" -> "4";
            case "seis" -> "6";
            case "doce" -> "12";
            default -> m.group(1);
        };
        String unit = m.group(2).startsWith("hora") ? "hours" : m.group(2).startsWith("dia") ? "days" : "minutes";
        EnglishTimes.Cadence c = EnglishTimes.cadence("every " + n + " " + unit);
        return c == null ? null : c.period();
    }

    private static String cadencePhrase(String folded) {
        Matcher m = EVERY.matcher(folded);
        return m.find() ? m.group().trim() : null;
    }

    private static boolean asks(String sentence) {
        return SpanishText.asksCustomer(SpanishText.fold(sentence));
    }
}
