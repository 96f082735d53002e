import torch, math
import torch.nn.functional as F
torch.set_default_dtype(torch.float64)
def params(n): return torch.tensor([math.sin(k+1)*0.5 for k in range(n)], requires_grad=True)
# Net A: "2x6x6 - conv3x2(padding=same):relu - maxpool2 - conv2x3:tanh - gap - 3:softmax", CE
x = torch.tensor([math.cos(k*0.7) for k in range(72)]).reshape(1,2,6,6)
sizes=[2*2*3*3, 2, 3*2*2*2, 3, 3*3, 3]
p = params(sum(sizes))
o=0
def take(n, shape):
    global o
    t = p[o:o+n].reshape(shape); o += n; return t
w1=take(36,(2,2,3,3)); b1=take(2,(2,)); w2=take(24,(3,2,2,2)); b2=take(3,(3,)); w3=take(9,(3,3)); b3=take(3,(3,))
h=F.relu(F.conv2d(x,w1,b1,padding=1)); h=F.max_pool2d(h,2); h=torch.tanh(F.conv2d(h,w2,b2)); h=h.mean(dim=(2,3))
z=F.linear(h,w3,b3); out=F.softmax(z,dim=1)
t=torch.tensor([[0.2,0.3,0.5]])
loss=-(t*torch.log(out)).sum()
loss.backward()
print("A out", [f"{v:.17g}" for v in out[0].tolist()]); print("A loss", f"{loss.item():.17g}")
print("A grad", " ".join(f"{v:.17g}" for v in p.grad.tolist()))
# Net B: "2x11 - conv3x3(stride=2, dilation=2):sigmoid - avgpool2 - 2:identity", half squared error
o=0
x = torch.tensor([math.cos(k*0.7) for k in range(22)]).reshape(1,2,11)
p = params(2*3*3+3 + 2*6+2)
w1=take(18,(3,2,3)); b1=take(3,(3,)); w2=take(12,(2,6)); b2=take(2,(2,))
h=torch.sigmoid(F.conv1d(x,w1,b1,stride=2,dilation=2)); h=F.avg_pool1d(h,2); z=F.linear(h.flatten(1),w2,b2)
t=torch.tensor([[0.25,-0.5]]); loss=0.5*((t-z)**2).sum(); loss.backward()
print("B out", [f"{v:.17g}" for v in z[0].tolist()]); print("B loss", f"{loss.item():.17g}")
print("B grad", " ".join(f"{v:.17g}" for v in p.grad.tolist()))
